// The default theme is embedded with include_dir!, which cannot tell cargo about the
// files it reads on stable Rust; without this, editing a template would not rebuild.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
