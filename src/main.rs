//! The `cairn` binary: parse the command line, run it, map the outcome to an exit code
//! (0 success, 1 content errors, 2 usage or I/O errors).

fn main() {
    let code = cairn::cli::main();
    std::process::exit(code);
}
