//! Line-by-line recovery of `key: value` pairs from front matter that YAML rejects.
