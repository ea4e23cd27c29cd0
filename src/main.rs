fn main() {
    println!("meetup-reader");
}
