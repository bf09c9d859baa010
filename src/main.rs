#[cfg(target_arch = "wasm32")]
fn main() {
    routecraft_app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
