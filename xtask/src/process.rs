//! Running commands: each is echoed before it runs, and a failure names it.

use anyhow::{Context, Result, ensure};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

/// The repository's root (the workspace root).
pub fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask/ sits in the repository root")
            .to_path_buf()
    })
}

/// A path relative to the root, for messages.
pub fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Every file below a directory, sorted.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs_err::read_dir(&dir).with_context(|| format!("reading {}", shown(&dir)))? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The steps announced so far, each with when it began.
static STEPS: Mutex<Vec<(String, Instant)>> = Mutex::new(Vec::new());

/// Announces a step of a verb, so a long run says where it is, with the
/// time since the verb started.
pub fn step(name: &str) {
    static STARTED: OnceLock<Instant> = OnceLock::new();
    let elapsed = STARTED.get_or_init(Instant::now).elapsed().as_secs();
    eprintln!("\n==> [{:>2}:{:02}] {name}", elapsed / 60, elapsed % 60);
    STEPS
        .lock()
        .expect("no step panics while holding the list")
        .push((name.to_owned(), Instant::now()));
}

/// A table of the steps and the seconds each took, for the end of a run:
/// the slow step is then plain in any log.
pub fn print_timings() {
    let steps = STEPS.lock().expect("no step panics while holding the list");
    if steps.len() < 2 {
        return;
    }
    eprintln!("\n{}", timings(&steps, Instant::now()));
}

fn timings(steps: &[(String, Instant)], end: Instant) -> String {
    let mut table = String::from("seconds  step\n");
    let ends = steps.iter().skip(1).map(|(_, at)| *at).chain([end]);
    for ((name, start), end) in steps.iter().zip(ends) {
        // The name up to its colon or bracket: "3/7 outputs", not the whole
        // sentence.
        let short = name.split([':', '(']).next().unwrap_or(name).trim();
        let seconds = end.duration_since(*start).as_secs_f64();
        table += &format!("{seconds:>7.1}  {short}\n");
    }
    let total = end.duration_since(steps[0].1).as_secs_f64();
    table += &format!("{total:>7.1}  in all");
    table
}

/// `cargo`, the same one that runs xtask, in the repository root.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root());
    command
}

pub fn describe(command: &Command) -> String {
    let program = Path::new(command.get_program());
    // `cargo`, not the toolchain path that $CARGO holds.
    let mut text = match program.file_name() {
        Some(name) if name == "cargo" => "cargo".to_owned(),
        _ => shown(program),
    };
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs a command, echoing it first, and returns its captured output.
pub fn capture(command: &mut Command) -> Result<std::process::Output> {
    eprintln!("    $ {}", describe(command));
    command
        .output()
        .with_context(|| format!("could not start `{}`", describe(command)))
}

/// A path with `.` and `..` resolved (without asking the file system).
pub fn normalise(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}

/// A file in xtask/fixtures, the broken (and sound) inputs the checks'
/// tests feed them.
#[cfg(test)]
pub fn fixture(path: &str) -> PathBuf {
    root().join("xtask/fixtures").join(path)
}

/// Runs a command with its output going straight to the terminal.
pub fn run(command: &mut Command) -> Result<()> {
    eprintln!("    $ {}", describe(command));
    let status = command
        .status()
        .with_context(|| format!("could not start `{}`", describe(command)))?;
    ensure!(
        status.success(),
        "`{}` failed ({status})",
        describe(command)
    );
    Ok(())
}

/// Runs a command, showing its stdout as it comes and also returning it.
/// Returns whether it succeeded; starting it at all must succeed.
pub fn run_teed(command: &mut Command) -> Result<(bool, String)> {
    eprintln!("    $ {}", describe(command));
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{}`", describe(command)))?;
    let mut captured = String::new();
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut terminal = std::io::stdout();
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        writeln!(terminal, "{line}")?;
        captured.push_str(&line);
        captured.push('\n');
    }
    let status = child.wait()?;
    Ok((status.success(), captured))
}

/// The result of running a program to completion (or to its time limit).
pub struct Output {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub success: bool,
    pub timed_out: bool,
}

/// Kills a child started in a process group of its own, and that group.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        // `kill -KILL -PGID`: the group's id is the child's pid.
        let group = format!("-{}", child.id());
        let killed = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        if killed.is_ok_and(|s| s.success()) {
            return;
        }
    }
    child.kill().ok();
}

/// Runs a program with no input and a time limit, capturing its output.
/// At the limit the program is killed with everything it started (`cargo
/// test` runs the test binary as a child, which would otherwise go on
/// running and holding the output pipes open).
pub fn run_limited(command: &mut Command, limit: Duration) -> Result<Output> {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(command, 0);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{}`", describe(command)))?;
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    // Read both pipes while the program runs, or a chatty one would block.
    let out = thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buffer).map(|_| buffer)
    });
    let err = thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut buffer).map(|_| buffer)
    });
    let deadline = Instant::now() + limit;
    let (status, timed_out) = loop {
        if let Some(status) = child.try_wait()? {
            break (Some(status), false);
        }
        if Instant::now() >= deadline {
            kill_group(&mut child);
            child.wait().ok();
            break (None, true);
        }
        thread::sleep(Duration::from_millis(10));
    };
    Ok(Output {
        stdout: out.join().expect("reader thread")?,
        stderr: err.join().expect("reader thread")?,
        success: status.is_some_and(|s| s.success()),
        timed_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timing_table_gives_each_step_its_seconds() {
        let start = Instant::now();
        let steps = [
            ("1/7 format: cargo fmt".to_owned(), start),
            (
                "installing x (first time: slow)".to_owned(),
                start + Duration::from_millis(1500),
            ),
        ];
        assert_eq!(
            timings(&steps, start + Duration::from_secs(4)),
            "seconds  step\n    1.5  1/7 format\n    2.5  installing x\n    4.0  in all"
        );
    }

    #[test]
    fn a_time_limit_stops_the_children_of_what_it_runs_too() {
        // `sh` runs `sleep` as a child that holds the output pipes: killing
        // only `sh` would leave this waiting the full 5 s.
        let started = Instant::now();
        let output = run_limited(
            Command::new("sh").args(["-c", "sleep 5; true"]),
            Duration::from_millis(300),
        )
        .unwrap();
        assert!(output.timed_out && !output.success);
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
    }
}
