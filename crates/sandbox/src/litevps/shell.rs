//! What a command prints on a simulated LiteVPS guest: a small set of
//! everyday commands answered from the VM's facts and stored files, and
//! "not found" for anything else. Deterministic for a command and a time.

use super::vms::Vm;
use crate::fleet::{mix, Load};

/// A finished command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Outcome {
    pub(super) stdout: String,
    pub(super) stderr: String,
    pub(super) exit_code: i64,
    pub(super) duration_ms: u64,
}

/// A stable hash of text.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0x51ed_270b, |h, b| mix(h, u64::from(b)))
}

/// Runs `command` on `vm` at `now_ms`.
pub(super) fn run(vm: &Vm, command: &str, now_ms: u64) -> Outcome {
    let words: Vec<&str> = command
        .split_whitespace()
        .map(|w| w.trim_matches(|c| c == '"' || c == '\''))
        .collect();
    let quick = 20 + hash(command) % 180;
    let ok = |stdout: String| Outcome {
        stdout,
        stderr: String::new(),
        exit_code: 0,
        duration_ms: quick,
    };
    let fail = |stderr: String, exit_code: i64| Outcome {
        stdout: String::new(),
        stderr,
        exit_code,
        duration_ms: quick,
    };
    let Some((program, args)) = words.split_first() else {
        return ok(String::new());
    };
    let load = Load::cpu(hash(&vm.id));
    match *program {
        "uname" if args.contains(&"-a") => ok(format!(
            "Linux {} 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024 x86_64 x86_64 x86_64 GNU/Linux\n",
            vm.name
        )),
        "uname" => ok("Linux\n".into()),
        "hostname" => ok(format!("{}\n", vm.name)),
        "whoami" => ok("root\n".into()),
        "nproc" => ok(format!("{}\n", vm.vcpu)),
        "true" => ok(String::new()),
        "false" => fail(String::new(), 1),
        "exit" => fail(String::new(), args.first().and_then(|c| c.parse().ok()).unwrap_or(0)),
        "echo" => ok(format!("{}\n", args.join(" "))),
        "sleep" => {
            let secs: f64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(0.0);
            Outcome { duration_ms: (secs.max(0.0) * 1_000.0) as u64 + 3, ..ok(String::new()) }
        }
        "uptime" => {
            let secs = now_ms.saturating_sub(vm.booted_ms) / 1_000;
            let day = now_ms / 1_000 % 86_400;
            let per_cpu = |t: u64| load.at(t) / 100.0 * vm.vcpu as f64;
            let now = now_ms / 1_000;
            ok(format!(
                " {:02}:{:02}:{:02} up {} days, {:2}:{:02},  0 users,  load average: {:.2}, {:.2}, {:.2}\n",
                day / 3_600,
                day / 60 % 60,
                day % 60,
                secs / 86_400,
                secs / 3_600 % 24,
                secs / 60 % 60,
                per_cpu(now),
                per_cpu(now.saturating_sub(300)),
                per_cpu(now.saturating_sub(900)),
            ))
        }
        "df" => {
            let used = (vm.disk_gb as f64 * vm.disk_used).ceil() as u64;
            ok(format!(
                "Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda1       {:>3}G  {:>3}G  {:>3}G  {:>2}% /\n",
                vm.disk_gb,
                used,
                vm.disk_gb.saturating_sub(used),
                used * 100 / vm.disk_gb.max(1)
            ))
        }
        "free" => {
            let used = (vm.memory_mb as f64 * Load::memory(hash(&vm.id)).at(now_ms / 1_000) / 100.0) as u64;
            ok(format!(
                "               total        used        free      shared  buff/cache   available\nMem:    {:>12} {:>11} {:>11} {:>11} {:>11} {:>11}\n",
                vm.memory_mb,
                used,
                vm.memory_mb - used.min(vm.memory_mb),
                4,
                used / 5,
                vm.memory_mb - used.min(vm.memory_mb)
            ))
        }
        "cat" => {
            let mut out = Outcome { exit_code: 0, ..ok(String::new()) };
            for path in args {
                match vm.files.get(*path) {
                    Some(bytes) => out.stdout.push_str(&String::from_utf8_lossy(bytes)),
                    None => {
                        out.stderr.push_str(&format!("cat: {path}: No such file or directory\n"));
                        out.exit_code = 1;
                    }
                }
            }
            out
        }
        "ls" => {
            let dir = args.iter().find(|a| !a.starts_with('-')).copied().unwrap_or("/root");
            let prefix = format!("{}/", dir.trim_end_matches('/'));
            let mut names: Vec<&str> = vm
                .files
                .keys()
                .filter_map(|p| p.strip_prefix(&prefix))
                .map(|rest| rest.split('/').next().unwrap_or(rest))
                .collect();
            names.dedup();
            if names.is_empty() && dir != "/root" {
                fail(format!("ls: cannot access '{dir}': No such file or directory\n"), 2)
            } else {
                ok(names.iter().map(|n| format!("{n}\n")).collect())
            }
        }
        "apt-get" | "apt" if args.contains(&"update") => Outcome {
            duration_ms: 4_200,
            ..ok("Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease\nGet:2 http://security.ubuntu.com/ubuntu jammy-security InRelease [129 kB]\nFetched 129 kB in 1s (171 kB/s)\nReading package lists...\n".into())
        },
        "apt-get" | "apt" if args.contains(&"install") => Outcome {
            duration_ms: 2_600,
            ..ok(args
                .iter()
                .filter(|a| !a.starts_with('-') && **a != "install")
                .map(|p| format!("{p} is already the newest version.\n"))
                .collect())
        },
        other => fail(format!("sh: 1: {other}: not found\n"), 127),
    }
}
