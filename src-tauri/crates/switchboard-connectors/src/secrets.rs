//! Where API keys live: the OS keychain (`keyring`), or, where no keychain answers (a headless
//! server, CI), a file readable only by the user (mode 0600) in the data directory, which is said
//! once through [`Secrets::notice`]. Keys never go to SQLite, logs or error messages.
//!
//! Each secret is named `<workspace id>/<vendor>/<field>`, so two workspaces keep their own keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const SERVICE: &str = "switchboard";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the keychain refused the key ({0}); unlock it and try again")]
    Keychain(String),
    #[error("could not read or write the key file {}", .path.display())]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the key file {} is damaged; delete it and connect again", .0.display())]
    Damaged(PathBuf),
}

#[derive(Debug)]
enum Backend {
    Keychain,
    File(PathBuf),
}

/// The secret store a front end opened.
#[derive(Debug)]
pub struct Secrets {
    backend: Backend,
    notice: Option<String>,
    // Serialises read-modify-write of the key file.
    lock: Mutex<()>,
}

impl Secrets {
    /// The OS keychain if it answers, otherwise the key file in `data_dir` (with a notice).
    pub fn system(data_dir: &Path) -> Secrets {
        match probe() {
            Ok(()) => Secrets { backend: Backend::Keychain, notice: None, lock: Mutex::new(()) },
            Err(reason) => {
                let path = data_dir.join("secrets.json");
                let notice = format!(
                    "no OS keychain is available ({reason}); API keys are kept in {} readable only by you",
                    path.display()
                );
                Secrets { backend: Backend::File(path), notice: Some(notice), lock: Mutex::new(()) }
            }
        }
    }

    /// The key file only (tests, or `SWITCHBOARD_SECRETS=file`).
    pub fn file(path: PathBuf) -> Secrets {
        Secrets { backend: Backend::File(path), notice: None, lock: Mutex::new(()) }
    }

    /// What to tell the user once about where keys are kept, when it is not the keychain.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn location(&self) -> String {
        match &self.backend {
            Backend::Keychain => "the OS keychain".into(),
            Backend::File(p) => p.display().to_string(),
        }
    }

    pub fn get(&self, name: &str) -> Result<Option<String>, SecretError> {
        let _guard = self.lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match &self.backend {
            Backend::Keychain => match entry(name)?.get_password() {
                Ok(v) => Ok(Some(v)),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(SecretError::Keychain(e.to_string())),
            },
            Backend::File(path) => Ok(read_file(path)?.remove(name)),
        }
    }

    pub fn set(&self, name: &str, value: &str) -> Result<(), SecretError> {
        let _guard = self.lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match &self.backend {
            Backend::Keychain => {
                entry(name)?.set_password(value).map_err(|e| SecretError::Keychain(e.to_string()))
            }
            Backend::File(path) => {
                let mut all = read_file(path)?;
                all.insert(name.to_owned(), value.to_owned());
                write_file(path, &all)
            }
        }
    }

    pub fn delete(&self, name: &str) -> Result<(), SecretError> {
        let _guard = self.lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match &self.backend {
            Backend::Keychain => match entry(name)?.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(SecretError::Keychain(e.to_string())),
            },
            Backend::File(path) => {
                let mut all = read_file(path)?;
                if all.remove(name).is_some() {
                    write_file(path, &all)?;
                }
                Ok(())
            }
        }
    }
}

/// How a secret is shown: whether it is set and its last four characters.
pub fn masked(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    if chars.len() <= 8 { "set".into() } else { format!("…{tail}") }
}

fn entry(name: &str) -> Result<keyring::Entry, SecretError> {
    keyring::Entry::new(SERVICE, name).map_err(|e| SecretError::Keychain(e.to_string()))
}

fn probe() -> Result<(), String> {
    let entry = keyring::Entry::new(SERVICE, "switchboard/probe").map_err(|e| e.to_string())?;
    match entry.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

fn read_file(path: &Path) -> Result<BTreeMap<String, String>, SecretError> {
    match std::fs::read(path) {
        Ok(bytes) => {
            serde_json::from_slice(&bytes).map_err(|_| SecretError::Damaged(path.to_owned()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(source) => Err(SecretError::File { path: path.to_owned(), source }),
    }
}

fn write_file(path: &Path, all: &BTreeMap<String, String>) -> Result<(), SecretError> {
    let io = |source| SecretError::File { path: path.to_owned(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = path.with_extension("json.tmp");
    let bytes = serde_json::to_vec_pretty(all).unwrap_or_default();
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp).map_err(io)?;
        file.write_all(&bytes).map_err(io)?;
        file.sync_all().map_err(io)?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_store_keeps_keys_private_and_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("secrets.json");
        let s = Secrets::file(path.clone());
        assert_eq!(s.get("w/clearbit/secret_key").unwrap(), None);
        s.set("w/clearbit/secret_key", "sk_live_123456789").unwrap();
        s.set("w/madkudu/api_key", "mk").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let again = Secrets::file(path.clone());
        assert_eq!(
            again.get("w/clearbit/secret_key").unwrap().as_deref(),
            Some("sk_live_123456789")
        );
        again.delete("w/clearbit/secret_key").unwrap();
        assert_eq!(again.get("w/clearbit/secret_key").unwrap(), None);
        assert_eq!(again.get("w/madkudu/api_key").unwrap().as_deref(), Some("mk"));
        std::fs::write(&path, "not json").unwrap();
        assert!(matches!(again.get("x"), Err(SecretError::Damaged(_))));
    }

    #[test]
    fn masking_shows_only_the_last_four() {
        assert_eq!(masked("sk_live_123456789"), "…6789");
        assert_eq!(masked("short"), "set");
    }
}
