//! `cargo run --release --example corpus -- --items N --seed S --out DIR`: writes a
//! generated cairn site (site.yaml + content/) of N items for benchmarks and tests, the
//! same bytes for the same seed and N. See `generator.rs`.

mod generator;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Generate a cairn site of N mixed-script items")]
struct Args {
    /// How many Q&As, solutions and talks (about 60/25/15).
    #[arg(long, default_value_t = 1000)]
    items: usize,
    /// Same seed and items → byte-identical files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The site folder to write (replaced if it holds an earlier corpus).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    match generator::generate(&args.out, args.items, args.seed) {
        Ok(stats) => {
            println!(
                "wrote {} files ({:.1} MB) in {:.2} s → {}",
                stats.files,
                stats.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64(),
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
