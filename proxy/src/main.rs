use std::process::ExitCode;

use atlas_panel_proxy::cli::Options;
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let options = Options::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    // reqwest is built without a default TLS provider; ring is the one this proxy uses.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let var = |name: &str| std::env::var(name).ok();
    if options.check_config {
        return match atlas_panel_proxy::check(&options, var) {
            Ok(summary) => {
                println!("atlas-panel-proxy: {summary}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("atlas-panel-proxy: {error}");
                ExitCode::FAILURE
            }
        };
    }
    match atlas_panel_proxy::serve(options, var).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("atlas-panel-proxy: {error}");
            ExitCode::FAILURE
        }
    }
}
