//! routecraft CLI
fn main() {}
