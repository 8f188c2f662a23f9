//! Puts generated files in a directory, or compares them with what is there: the one writer that
//! `cargo xtask generate`, build scripts and the command share.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::GeneratedFile;

/// Whether to write the files or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write every file whose contents changed and remove stale `.rs` files.
    Write,
    /// Change nothing; report what differs.
    Check,
}

/// What a sync did (or, in check mode, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// Files written, or that differ in check mode, relative to the directory.
    pub written: Vec<String>,
    /// Files already up to date.
    pub unchanged: Vec<String>,
    /// Stale `.rs` files removed, or that would be.
    pub removed: Vec<String>,
    /// In check mode, a unified diff of every difference; empty when the directory is current.
    pub diff: String,
}

impl Synced {
    /// Whether the directory already held exactly the generated files.
    pub fn is_current(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// Writes `files` into `dir` (or compares them, in check mode); `label` names `dir` in diffs.
///
/// Only files whose contents differ are written, so an unchanged spec leaves modification times
/// alone and cargo rebuilds nothing. `.rs` files in `dir` that are no longer generated are
/// removed.
pub fn sync(dir: &Path, files: &[GeneratedFile], mode: Mode, label: &str) -> Result<Synced> {
    let mut synced = Synced::default();
    for file in files {
        let target = dir.join(&file.path);
        let current = std::fs::read_to_string(&target).ok();
        if current.as_deref() == Some(file.contents.as_str()) {
            synced.unchanged.push(file.path.clone());
            continue;
        }
        synced.written.push(file.path.clone());
        match mode {
            Mode::Write => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|source| write_error(parent, source))?;
                }
                std::fs::write(&target, &file.contents)
                    .map_err(|source| write_error(&target, source))?;
            }
            Mode::Check => synced.diff.push_str(&unified_diff(
                current.as_deref().unwrap_or_default(),
                &file.contents,
                &format!("{label}/{}", file.path),
            )),
        }
    }
    for stale in stale_files(dir, files)? {
        let name = stale
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        match mode {
            Mode::Write => {
                std::fs::remove_file(&stale).map_err(|source| write_error(&stale, source))?;
            }
            Mode::Check => synced.diff.push_str(&format!(
                "stale file {label}/{name} is no longer generated\n"
            )),
        }
        synced.removed.push(name);
    }
    Ok(synced)
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.display().to_string(),
        source,
    }
}

/// `.rs` files directly in `dir` that are not among `files`.
fn stale_files(dir: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut stale = Vec::new();
    for entry in entries {
        let path = entry.map_err(|source| write_error(dir, source))?.path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if path.extension().is_some_and(|ext| ext == "rs")
            && !files.iter().any(|file| file.path == name)
        {
            stale.push(path);
        }
    }
    stale.sort();
    Ok(stale)
}

/// A unified diff from the text on disk to the generated text.
pub fn unified_diff(committed: &str, generated: &str, label: &str) -> String {
    similar::TextDiff::from_lines(committed, generated)
        .unified_diff()
        .context_radius(3)
        .header(&format!("committed {label}"), &format!("generated {label}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.to_owned(),
            contents: contents.to_owned(),
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("codegen-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_changes_keeps_the_rest_and_removes_stale_files() {
        let dir = scratch("write");
        let first = [file("a.rs", "a\n"), file("b.rs", "b\n")];
        let synced = sync(&dir, &first, Mode::Write, "out").expect("writes");
        assert_eq!(synced.written, ["a.rs", "b.rs"]);
        let second = [file("a.rs", "a\n"), file("c.rs", "c\n")];
        let check = sync(&dir, &second, Mode::Check, "out").expect("checks");
        assert!(!check.is_current());
        assert!(
            check.diff.contains("+++ generated out/c.rs"),
            "{}",
            check.diff
        );
        assert!(check.diff.contains("stale file out/b.rs"), "{}", check.diff);
        let synced = sync(&dir, &second, Mode::Write, "out").expect("writes");
        assert_eq!(
            (synced.written, synced.unchanged, synced.removed),
            (
                vec!["c.rs".to_owned()],
                vec!["a.rs".to_owned()],
                vec!["b.rs".to_owned()]
            )
        );
        assert!(
            sync(&dir, &second, Mode::Check, "out")
                .expect("checks")
                .is_current()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn diff_names_both_sides() {
        let diff = unified_diff("a\nb\n", "a\nc\n", "models.rs");
        assert!(diff.contains("--- committed models.rs"), "{diff}");
        assert!(diff.contains("+++ generated models.rs"), "{diff}");
        assert!(diff.contains("-b\n+c\n"), "{diff}");
    }
}
