//! `cargo xtask serve [--port N] [--hostname H]`: the book, rebuilt on every
//! change, on http://127.0.0.1:3000 unless told otherwise.

use crate::{process, setup};
use anyhow::{Result, ensure};
use std::net::TcpListener;

#[derive(Debug, PartialEq)]
pub struct Options {
    pub hostname: String,
    pub port: u16,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            hostname: "127.0.0.1".to_owned(),
            port: 3000,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let value = args.next();
            match (arg.as_str(), value) {
                ("--port" | "-p", Some(port)) => {
                    options.port = port
                        .parse()
                        .map_err(|_| format!("`--port {port}`: a port is a number below 65536"))?;
                }
                ("--hostname" | "-n", Some(hostname)) => options.hostname = hostname.clone(),
                ("--port" | "-p" | "--hostname" | "-n", None) => {
                    return Err(format!("`{arg}` needs a value"));
                }
                (other, _) => {
                    return Err(format!(
                        "`{other}`: serve takes --port N and --hostname H only"
                    ));
                }
            }
        }
        Ok(options)
    }
}

pub fn run(options: &Options) -> Result<()> {
    let address = format!("{}:{}", options.hostname, options.port);
    // mdbook would only say "failed (exit status: 1)"; say which port, and
    // what to do about it, before anything else (the test relies on it).
    let free = TcpListener::bind(&address).map(drop);
    ensure!(
        free.is_ok(),
        "cannot serve on {address}: {}. Another program (an earlier `cargo xtask serve`?) may \
         be using the port; stop it, or choose another port with `cargo xtask serve --port {}`",
        free.unwrap_err(),
        options.port.wrapping_add(1).max(1024)
    );
    setup::run()?;
    process::step(&format!(
        "serving the book on http://{address} (Ctrl-C stops)"
    ));
    process::run(setup::mdbook().args([
        "serve",
        "--hostname",
        &options.hostname,
        "--port",
        &options.port.to_string(),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::parse(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn options_have_defaults_and_unknown_ones_are_refused() {
        assert_eq!(
            parse(&[]).unwrap(),
            Options {
                hostname: "127.0.0.1".into(),
                port: 3000
            }
        );
        let chosen = parse(&["--port", "3001", "--hostname", "0.0.0.0"]).unwrap();
        assert_eq!((chosen.port, chosen.hostname.as_str()), (3001, "0.0.0.0"));
        assert!(parse(&["--port"]).unwrap_err().contains("needs a value"));
        assert!(
            parse(&["--port", "http"])
                .unwrap_err()
                .contains("a port is a number")
        );
        assert!(parse(&["--open"]).unwrap_err().contains("`--open`"));
    }

    #[test]
    fn a_port_in_use_is_named_with_the_way_out() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let error = run(&Options {
            hostname: "127.0.0.1".into(),
            port,
        })
        .unwrap_err()
        .to_string();
        assert!(
            error.contains(&format!("cannot serve on 127.0.0.1:{port}")),
            "{error}"
        );
        assert!(error.contains("--port"), "{error}");
    }
}
