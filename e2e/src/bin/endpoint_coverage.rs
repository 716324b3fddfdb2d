//! Endpoint coverage of the browser tests: which documented provider
//! endpoints (`e2e/endpoints.json`) appear in the sandbox's request logs.
//! Each browser test file logs to `target/e2e/requests/<file>.jsonl`; they
//! are gathered, in file-name order, into `target/e2e/requests.jsonl`, which
//! is then read.
//!
//! ```text
//! cargo run -p e2e --bin endpoint_coverage [-- --strict]
//! ```
//!
//! A logged request counts for the catalogue entry with the same provider,
//! method and action (HOSTKEY's; `null` elsewhere) whose path matches, a
//! `{param}` standing for exactly one non-empty path segment. Where several
//! entries match, the most specific one (most literal segments) wins, so
//! `GET /api/v1/vm/templates` counts for the templates and not for
//! `/api/v1/vm/{id}`. `_sandbox` controls and CORS preflights are ignored.
//!
//! An entry with an `unreachable` reason is one the panel cannot call by
//! design (a form that needs a captcha token issued only to the provider's
//! own site); it is listed with its reason and never counts as missing.
//!
//! Prints, per provider, the endpoints exercised out of those documented, the
//! ones never exercised, the unreachable ones, and any request that matched no
//! entry. Exits 1 with `--strict` when a reachable endpoint was never
//! exercised, 2 when a file is unreadable.

use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One documented endpoint of `endpoints.json`.
#[derive(Debug, Clone, Deserialize)]
struct Endpoint {
    method: String,
    path: String,
    action: Option<String>,
    doc: String,
    /// Why the panel cannot call it, when it cannot.
    #[serde(default)]
    unreachable: Option<String>,
}

/// One line of the request log (the fields used here).
#[derive(Debug, Clone, Deserialize)]
struct Logged {
    provider: String,
    method: String,
    path: String,
    action: Option<String>,
}

/// Documented endpoints per sandbox mount (`lnvps`, `hostkey`, …).
type Catalogue = BTreeMap<String, Vec<Endpoint>>;

/// What the log exercised of one provider's catalogue.
#[derive(Debug)]
struct Coverage<'a> {
    provider: &'a str,
    endpoints: &'a [Endpoint],
    /// Indices into `endpoints` of those exercised.
    hit: BTreeSet<usize>,
    /// Requests that matched no entry, as `METHOD path [action]`.
    unmatched: BTreeSet<String>,
}

impl Coverage<'_> {
    /// The reachable endpoints never exercised, in catalogue order.
    fn missing(&self) -> impl Iterator<Item = &Endpoint> {
        self.never().filter(|e| e.unreachable.is_none())
    }

    /// The endpoints never exercised that the panel cannot call, in catalogue order.
    fn unreachable(&self) -> impl Iterator<Item = &Endpoint> {
        self.never().filter(|e| e.unreachable.is_some())
    }

    /// Every endpoint never exercised, in catalogue order.
    fn never(&self) -> impl Iterator<Item = &Endpoint> {
        (0..self.endpoints.len())
            .filter(|i| !self.hit.contains(i))
            .map(|i| &self.endpoints[i])
    }
}

/// Runs the report; `--strict` turns a missing endpoint into exit code 1.
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let strict = match args.as_slice() {
        [] => false,
        [flag] if flag == "--strict" => true,
        _ => {
            eprintln!("usage: endpoint_coverage [--strict]");
            return ExitCode::from(2);
        }
    };
    let (catalogue, log) = match load(&workspace_root()) {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("endpoint_coverage: {message}");
            return ExitCode::from(2);
        }
    };
    let report = coverage(&catalogue, &log);
    print_report(&report);
    let missing: usize = report.iter().map(|c| c.missing().count()).sum();
    if strict && missing > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The workspace root: the parent of this crate's directory.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The catalogue and the request log, from under the workspace `root`.
fn load(root: &Path) -> Result<(Catalogue, Vec<Logged>), String> {
    let catalogue = load_catalogue(&root.join("e2e/endpoints.json"))?;
    let log = load_log(&gather(&root.join("target/e2e"))?)?;
    Ok((catalogue, log))
}

/// Writes every `requests/*.jsonl` under `dir` into `dir/requests.jsonl`; its path.
fn gather(dir: &Path) -> Result<PathBuf, String> {
    let parts = dir.join("requests");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&parts)
        .map_err(|e| {
            format!(
                "cannot read {}: {e} (run the browser tests first)",
                parts.display()
            )
        })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut all = String::new();
    for file in &files {
        all.push_str(&read(file)?);
    }
    let out = dir.join("requests.jsonl");
    std::fs::write(&out, all).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(out)
}

/// Reads a file, naming it in the error.
fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Reads the catalogue: every top-level key except `not_built` and `_…` notes.
fn load_catalogue(path: &Path) -> Result<Catalogue, String> {
    let root: BTreeMap<String, Value> =
        serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    root.into_iter()
        .filter(|(key, _)| is_provider_key(key))
        .map(|(key, value)| {
            let endpoints = serde_json::from_value(value)
                .map_err(|e| format!("{}: `{key}`: {e}", path.display()))?;
            Ok((key, endpoints))
        })
        .collect()
}

/// True for the catalogue keys that name a provider.
fn is_provider_key(key: &str) -> bool {
    !key.starts_with('_') && key != "not_built"
}

/// Reads the request log, one JSON object a line.
fn load_log(path: &Path) -> Result<Vec<Logged>, String> {
    read(path)?
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line)
                .map_err(|e| format!("{} line {}: {e}", path.display(), n + 1))
        })
        .collect()
}

/// Matches every provider request of `log` against the catalogue.
fn coverage<'a>(catalogue: &'a Catalogue, log: &[Logged]) -> Vec<Coverage<'a>> {
    catalogue
        .iter()
        .map(|(provider, endpoints)| {
            let mut report = Coverage {
                provider,
                endpoints,
                hit: BTreeSet::new(),
                unmatched: BTreeSet::new(),
            };
            let requests = log
                .iter()
                .filter(|r| &r.provider == provider && r.method != "OPTIONS");
            for request in requests {
                match best_match(endpoints, request) {
                    Some(index) => report.hit.insert(index),
                    None => report.unmatched.insert(label(
                        &request.method,
                        &request.path,
                        request.action.as_deref(),
                    )),
                };
            }
            report
        })
        .collect()
}

/// The index of the entry `request` exercises: the most specific match.
fn best_match(endpoints: &[Endpoint], request: &Logged) -> Option<usize> {
    endpoints
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.method == request.method
                && e.action == request.action
                && path_matches(&e.path, &request.path)
        })
        .max_by_key(|(_, e)| literal_segments(&e.path))
        .map(|(index, _)| index)
}

/// True when `path` fits `pattern`, each `{param}` taking one non-empty segment.
fn path_matches(pattern: &str, path: &str) -> bool {
    let pattern = segments(pattern);
    let path = segments(path);
    pattern.len() == path.len()
        && pattern.iter().zip(&path).all(|(p, s)| {
            if is_placeholder(p) {
                !s.is_empty()
            } else {
                p == s
            }
        })
}

/// A path's segments, ignoring leading and trailing slashes.
fn segments(path: &str) -> Vec<&str> {
    path.trim_matches('/').split('/').collect()
}

/// True for a `{param}` segment.
fn is_placeholder(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

/// How many segments of `pattern` are literal (its specificity).
fn literal_segments(pattern: &str) -> usize {
    segments(pattern)
        .iter()
        .filter(|s| !is_placeholder(s))
        .count()
}

/// `METHOD path` with HOSTKEY's ` action=…` when there is one.
fn label(method: &str, path: &str, action: Option<&str>) -> String {
    match action {
        Some(action) => format!("{method} {path} action={action}"),
        None => format!("{method} {path}"),
    }
}

/// Prints the counts, the endpoints never exercised and the unmatched requests.
fn print_report(report: &[Coverage]) {
    for provider in report {
        println!(
            "{}: {}/{} endpoints exercised",
            provider.provider,
            provider.hit.len(),
            provider.endpoints.len()
        );
        for endpoint in provider.missing() {
            let name = label(&endpoint.method, &endpoint.path, endpoint.action.as_deref());
            println!("  never: {name}  ({})", endpoint.doc);
        }
        for endpoint in provider.unreachable() {
            let name = label(&endpoint.method, &endpoint.path, endpoint.action.as_deref());
            let why = endpoint.unreachable.as_deref().unwrap_or_default();
            println!("  not reachable from the panel: {name}  ({why})");
        }
        for request in &provider.unmatched {
            println!("  not in the catalogue: {request}");
        }
    }
    let hit: usize = report.iter().map(|c| c.hit.len()).sum();
    let all: usize = report.iter().map(|c| c.endpoints.len()).sum();
    println!("total: {hit}/{all} endpoints exercised");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalogue entry.
    fn endpoint(method: &str, path: &str, action: Option<&str>) -> Endpoint {
        Endpoint {
            method: method.into(),
            path: path.into(),
            action: action.map(Into::into),
            doc: String::new(),
            unreachable: None,
        }
    }

    /// A log line.
    fn logged(provider: &str, method: &str, path: &str, action: Option<&str>) -> Logged {
        Logged {
            provider: provider.into(),
            method: method.into(),
            path: path.into(),
            action: action.map(Into::into),
        }
    }

    #[test]
    fn placeholder_takes_exactly_one_segment() {
        assert!(path_matches("/api/vps/{id}", "/api/vps/abc"));
        assert!(!path_matches("/api/vps/{id}", "/api/vps/abc/snapshots"));
        assert!(!path_matches("/api/vps/{id}", "/api/vps"));
        assert!(!path_matches(
            "/api/vps/{id}/snapshots",
            "/api/vps//snapshots"
        ));
    }

    #[test]
    fn literal_segments_must_be_equal() {
        assert!(path_matches("/api/v1/vm/{id}/start", "/api/v1/vm/7/start"));
        assert!(!path_matches("/api/v1/vm/{id}/start", "/api/v1/vm/7/stop"));
        assert!(path_matches("/eq.php", "/eq.php"));
        assert!(!path_matches("/eq.php", "/eq_callback.php"));
    }

    #[test]
    fn trailing_slash_is_ignored() {
        assert!(path_matches("/user/vps", "/user/vps/"));
    }

    #[test]
    fn most_specific_entry_wins() {
        let endpoints = [
            endpoint("GET", "/api/v1/vm/{id}", None),
            endpoint("GET", "/api/v1/vm/templates", None),
        ];
        let templates = logged("lnvps", "GET", "/api/v1/vm/templates", None);
        let vm = logged("lnvps", "GET", "/api/v1/vm/101", None);
        assert_eq!(best_match(&endpoints, &templates), Some(1));
        assert_eq!(best_match(&endpoints, &vm), Some(0));
    }

    #[test]
    fn method_and_action_must_match() {
        let endpoints = [endpoint("POST", "/eq.php", Some("show"))];
        let show = logged("hostkey", "POST", "/eq.php", Some("show"));
        let list = logged("hostkey", "POST", "/eq.php", Some("list"));
        let get = logged("hostkey", "GET", "/eq.php", Some("show"));
        assert_eq!(best_match(&endpoints, &show), Some(0));
        assert_eq!(best_match(&endpoints, &list), None);
        assert_eq!(best_match(&endpoints, &get), None);
    }

    #[test]
    fn coverage_skips_preflights_and_other_mounts() {
        let catalogue = Catalogue::from([(
            "litevps".to_string(),
            vec![
                endpoint("GET", "/api/vps", None),
                endpoint("GET", "/api/vps/{id}", None),
            ],
        )]);
        let log = [
            logged("litevps", "OPTIONS", "/api/vps/x", None),
            logged("_sandbox", "GET", "/api/vps/x", None),
            logged("litevps", "GET", "/api/vps", None),
            logged("litevps", "GET", "/api/nope", None),
        ];
        let report = coverage(&catalogue, &log);
        assert_eq!(report[0].hit, BTreeSet::from([0]));
        assert_eq!(report[0].missing().count(), 1);
        assert_eq!(
            report[0].unmatched,
            BTreeSet::from(["GET /api/nope".to_string()])
        );
    }

    #[test]
    fn an_unreachable_endpoint_is_not_missing() {
        let catalogue = Catalogue::from([(
            "litevps".to_string(),
            vec![
                endpoint("GET", "/api/vps", None),
                Endpoint {
                    unreachable: Some("needs a captcha token".into()),
                    ..endpoint("POST", "/api/auth/register", None)
                },
                endpoint("GET", "/api/health", None),
            ],
        )]);
        let report = coverage(&catalogue, &[logged("litevps", "GET", "/api/vps", None)]);
        let paths = |e: Vec<&Endpoint>| e.into_iter().map(|e| e.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(report[0].missing().collect()), ["/api/health"]);
        assert_eq!(
            paths(report[0].unreachable().collect()),
            ["/api/auth/register"]
        );
    }

    #[test]
    fn catalogue_file_loads_without_duplicates() {
        let catalogue = load_catalogue(&workspace_root().join("e2e/endpoints.json")).unwrap();
        assert_eq!(catalogue.len(), 5);
        for (provider, endpoints) in &catalogue {
            let keys: BTreeSet<_> = endpoints
                .iter()
                .map(|e| (&e.method, &e.path, &e.action))
                .collect();
            assert_eq!(keys.len(), endpoints.len(), "duplicate entry in {provider}");
        }
    }
}
