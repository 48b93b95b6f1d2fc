//! Scores records against gold annotations (not yet implemented).

use std::path::PathBuf;
use std::process::ExitCode;

/// `zhnews eval` arguments.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Folder of articles with `NAME.gold.json` beside them.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
}

pub fn run_cli(_args: &EvalArgs) -> ExitCode {
    eprintln!("zhnews: eval is not implemented yet");
    ExitCode::from(1)
}
