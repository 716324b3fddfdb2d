//! The desktop app's command line.

/// What `--help` prints.
pub const USAGE: &str = "usage: panel-desktop [--sandbox-accounts http://127.0.0.1:PORT]

  --sandbox-accounts URL   before the window opens, save one account per
                           provider of the loopback sandbox at URL
                           (`cargo run -p sandbox -- --port PORT`)

environment:
  PANEL_KEYSTORE      secret-service (Linux default) | keyutils | memory
  PANEL_KEYSTORE_SERVICE  keychain service name (default vps-panel)
  PANEL_READY_FILE    file to write the server count into once every
                      account's fleet has loaded (smoke tests)";

/// The options of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    /// The loopback sandbox to take accounts from.
    pub sandbox_accounts: Option<String>,
}

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Start the app with these options.
    Run(Args),
    /// Print [`USAGE`] and stop.
    Help,
}

impl Args {
    /// Parses the arguments after the program name.
    ///
    /// ```
    /// use panel_desktop::cli::{Args, Parsed};
    /// let parsed = Args::parse(["--sandbox-accounts", "http://127.0.0.1:8787"].map(String::from));
    /// assert_eq!(parsed, Ok(Parsed::Run(Args {
    ///     sandbox_accounts: Some("http://127.0.0.1:8787".into()),
    /// })));
    /// ```
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
        let mut out = Args::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "-h" | "--help" => return Ok(Parsed::Help),
                "--sandbox-accounts" => {
                    let url = args
                        .next()
                        .ok_or_else(|| format!("--sandbox-accounts needs a URL\n{USAGE}"))?;
                    out.sandbox_accounts = Some(url);
                }
                other => match other.strip_prefix("--sandbox-accounts=") {
                    Some(url) => out.sandbox_accounts = Some(url.to_string()),
                    None => return Err(format!("unknown argument `{other}`\n{USAGE}")),
                },
            }
        }
        Ok(Parsed::Run(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Parsed, String> {
        Args::parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn the_command_line_is_read() {
        assert_eq!(parse(&[]), Ok(Parsed::Run(Args::default())));
        assert_eq!(parse(&["--help"]), Ok(Parsed::Help));
        let with = Parsed::Run(Args {
            sandbox_accounts: Some("http://127.0.0.1:1".into()),
        });
        assert_eq!(parse(&["--sandbox-accounts=http://127.0.0.1:1"]), Ok(with));
        assert!(parse(&["--sandbox-accounts"])
            .unwrap_err()
            .contains("needs a URL"));
        assert!(parse(&["--bogus"]).unwrap_err().contains("`--bogus`"));
    }
}
