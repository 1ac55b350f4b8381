//! The `internbudget` binary; everything it does lives in `internbudget-cli`.

fn main() -> std::process::ExitCode {
    internbudget_cli::main()
}
