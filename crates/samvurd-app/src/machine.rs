//! What belongs to this machine rather than to a round file: who the person at it is in each
//! round, their signing keys, and the id of this app installation.
//!
//! It lives in the app's own data directory (Tauri's `app_data_dir`, the same folder the CLI
//! finds with `dirs::data_dir()` and the app's identifier; `SAMVURD_DATA_DIR` overrides both, for
//! tests). A round file travels between machines by e-mail and copying; nothing here does, so a
//! copy opened anywhere else asks «Hvem er du?» again and can never sign as someone else.
//!
//! Layout:
//! - `installation` — a random id, made once, that a master file names as its home.
//! - `identities.json` — `{ "<round id>/<master|member>": "<member id>" }`.
//! - `keys/<round id>/<member id>.key` — a member's Ed25519 secret key as 64 hex digits,
//!   owner-only (0700 folders, 0600 file) on Unix.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use samvurd_core::MemberId;
use samvurd_store::CopyKind;
use samvurd_store::signing::{MemberKey, hex, unhex};

use crate::{AppError, AppResult};

/// The environment variable that points the app and the CLI at another data directory.
pub const DATA_DIR_VARIABLE: &str = "SAMVURD_DATA_DIR";

/// The app's identifier in `tauri.conf.json`: the data directory's name.
const APP_IDENTIFIER: &str = "no.samvurd.app";

/// This machine's own Samvurd data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    directory: PathBuf,
}

impl Default for Machine {
    fn default() -> Self {
        Machine::from_environment(None)
    }
}

impl Machine {
    /// The data directory at `directory`.
    pub fn at(directory: impl Into<PathBuf>) -> Machine {
        Machine { directory: directory.into() }
    }

    /// `SAMVURD_DATA_DIR` if set, else `fallback` (the desktop passes Tauri's `app_data_dir`),
    /// else the platform's data directory and the app's identifier.
    pub fn from_environment(fallback: Option<PathBuf>) -> Machine {
        let directory = std::env::var_os(DATA_DIR_VARIABLE)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
            .or(fallback)
            .or_else(|| dirs::data_dir().map(|data| data.join(APP_IDENTIFIER)))
            .unwrap_or_else(|| std::env::temp_dir().join(APP_IDENTIFIER));
        Machine { directory }
    }

    pub fn directory(&self) -> &Path {
        &self.directory
    }

    /// The id of this app installation, made the first time it is asked for. Two Samvurd
    /// processes asking at once (the CLI run twice, the app and the CLI) agree on one id: each
    /// writes its candidate beside the file and links it into place only if nothing is there.
    pub fn installation(&self) -> AppResult<String> {
        let path = self.directory.join("installation");
        let read = || {
            std::fs::read_to_string(&path)
                .ok()
                .map(|text| text.trim().to_owned())
                .filter(|text| !text.is_empty())
        };
        if let Some(id) = read() {
            return Ok(id);
        }
        let id = hex(&random_bytes::<16>()?);
        let temporary = self.write_temporary(&path, id.as_bytes())?;
        let linked = std::fs::hard_link(&temporary, &path);
        let _ = std::fs::remove_file(&temporary);
        match linked {
            Ok(()) => Ok(id),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                read().ok_or_else(|| write_failed(&path, &error))
            }
            Err(error) => Err(write_failed(&path, &error)),
        }
    }

    /// Who the person at this machine is in round `round_id`, in its master or in a copy.
    pub fn identity(&self, round_id: &str, kind: CopyKind) -> AppResult<Option<MemberId>> {
        Ok(self.identities()?.get(&identity_key(round_id, kind)).cloned().map(MemberId))
    }

    /// Records who the person at this machine is, and makes their signing key if they have
    /// none yet for this round.
    pub fn set_identity(&self, round_id: &str, kind: CopyKind, member: &MemberId) -> AppResult<()> {
        let mut identities = self.identities()?;
        identities.insert(identity_key(round_id, kind), member.0.clone());
        let text = serde_json::to_vec_pretty(&identities)
            .map_err(|error| AppError::io(format!("Kunne ikke lagre hvem du er: {error}")))?;
        self.write_private(&self.directory.join("identities.json"), &text)?;
        self.member_key(round_id, member)?;
        Ok(())
    }

    fn identities(&self) -> AppResult<BTreeMap<String, String>> {
        let path = self.directory.join("identities.json");
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| {
                AppError::io(format!(
                    "«{}» er skadet ({error}). Slett fila; Samvurd spør deg da hvem du er på nytt.",
                    path.display()
                ))
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(error) => {
                Err(AppError::io(format!("Kunne ikke lese «{}»: {error}", path.display())))
            }
        }
    }

    /// The member's signing key for this round on this machine, made (and stored owner-only)
    /// the first time.
    pub fn member_key(&self, round_id: &str, member: &MemberId) -> AppResult<MemberKey> {
        let path = self.key_path(round_id, member)?;
        if let Some(key) = read_key(&path)? {
            return Ok(key);
        }
        let key = MemberKey::from_secret_bytes(&random_bytes::<32>()?);
        self.write_private(&path, hex(&key.secret_bytes()).as_bytes())?;
        Ok(key)
    }

    /// The member's key if this machine has one, without making one.
    pub fn existing_member_key(
        &self,
        round_id: &str,
        member: &MemberId,
    ) -> AppResult<Option<MemberKey>> {
        read_key(&self.key_path(round_id, member)?)
    }

    fn key_path(&self, round_id: &str, member: &MemberId) -> AppResult<PathBuf> {
        // Both come from files that travel; only plain keys may become path components.
        let plain = |text: &str| {
            !text.is_empty()
                && text
                    .chars()
                    .all(|character| character.is_ascii_alphanumeric() || character == '-')
        };
        if !plain(round_id) || !plain(member.as_str()) {
            return Err(AppError::invalid(format!(
                "Runde-ID-en «{round_id}» eller medlems-ID-en «{member}» kan ikke brukes som navn på en nøkkel."
            )));
        }
        Ok(self.directory.join("keys").join(round_id).join(format!("{member}.key")))
    }

    /// Writes a file that only the owner can read, replacing it atomically, and makes its
    /// folders owner-only too.
    fn write_private(&self, path: &Path, bytes: &[u8]) -> AppResult<()> {
        let temporary = self.write_temporary(path, bytes)?;
        std::fs::rename(&temporary, path).map_err(|error| {
            let _ = std::fs::remove_file(&temporary);
            write_failed(path, &error)
        })
    }

    /// Writes `bytes` owner-only to a file of its own beside `path` (named by process and a
    /// random suffix, so processes writing at once never share one), in owner-only folders.
    fn write_temporary(&self, path: &Path, bytes: &[u8]) -> AppResult<PathBuf> {
        let parent = path.parent().unwrap_or(&self.directory);
        std::fs::create_dir_all(parent).map_err(|error| write_failed(path, &error))?;
        restrict_folders(parent, &self.directory).map_err(|error| write_failed(path, &error))?;
        let suffix = hex(&random_bytes::<4>()?);
        let temporary = path.with_extension(format!("{}-{suffix}.tmp", std::process::id()));
        write_owner_only(&temporary, bytes).map_err(|error| {
            let _ = std::fs::remove_file(&temporary);
            write_failed(path, &error)
        })?;
        Ok(temporary)
    }
}

fn write_failed(path: &Path, error: &std::io::Error) -> AppError {
    AppError::io(format!("Kunne ikke skrive «{}»: {error}", path.display()))
}

fn identity_key(round_id: &str, kind: CopyKind) -> String {
    format!("{round_id}/{}", kind.as_str())
}

fn read_key(path: &Path) -> AppResult<Option<MemberKey>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(AppError::io(format!(
                "Kunne ikke lese nøkkelen «{}»: {error}",
                path.display()
            )));
        }
    };
    let bytes: Option<[u8; 32]> = unhex(text.trim()).and_then(|bytes| bytes.try_into().ok());
    match bytes {
        Some(secret) => Ok(Some(MemberKey::from_secret_bytes(&secret))),
        None => Err(AppError::io(format!(
            "Nøkkelen «{}» er skadet. Slett den; Samvurd lager en ny, og lederen må godta den nye nøkkelen.",
            path.display()
        ))),
    }
}

fn random_bytes<const N: usize>() -> AppResult<[u8; N]> {
    let mut bytes = [0; N];
    getrandom::fill(&mut bytes).map_err(|error| {
        AppError::io(format!("Fikk ikke tilfeldige tall fra operativsystemet: {error}"))
    })?;
    Ok(bytes)
}

#[cfg(unix)]
fn write_owner_only(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_owner_only(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // On Windows the user's AppData folder is already private to the user.
    std::fs::write(path, bytes)
}

/// Makes every folder from `folder` up to and including `top` owner-only.
#[cfg(unix)]
fn restrict_folders(folder: &Path, top: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut current = Some(folder);
    while let Some(path) = current {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
        if path == top {
            break;
        }
        current = path.parent().filter(|parent| parent.starts_with(top));
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict_folders(_folder: &Path, _top: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_stored_owner_only_and_read_back() {
        let directory = tempfile::tempdir().unwrap();
        let machine = Machine::at(directory.path().join("data"));
        let member = MemberId::from("kari");
        assert!(machine.existing_member_key("runde-1", &member).unwrap().is_none());
        let key = machine.member_key("runde-1", &member).unwrap();
        let again = machine.member_key("runde-1", &member).unwrap();
        assert_eq!(key.public_key(), again.public_key());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file = directory.path().join("data/keys/runde-1/kari.key");
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
            let folder = directory.path().join("data/keys");
            assert_eq!(std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);
        }
    }

    #[test]
    fn processes_asking_for_the_installation_id_at_once_agree_on_one() {
        let directory = tempfile::tempdir().unwrap();
        let machine = Machine::at(directory.path().join("ny"));
        let ids: Vec<String> = std::thread::scope(|scope| {
            let askers: Vec<_> =
                (0..8).map(|_| scope.spawn(|| machine.installation().unwrap())).collect();
            askers.into_iter().map(|asker| asker.join().unwrap()).collect()
        });
        assert!(ids.iter().all(|id| *id == ids[0] && id.len() == 32), "{ids:?}");
        assert_eq!(machine.installation().unwrap(), ids[0]);
        let left: Vec<_> = std::fs::read_dir(machine.directory()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn the_identity_is_kept_per_round_and_per_master_or_copy() {
        let directory = tempfile::tempdir().unwrap();
        let machine = Machine::at(directory.path());
        machine.set_identity("runde-1", CopyKind::Master, &MemberId::from("leder")).unwrap();
        assert_eq!(
            machine.identity("runde-1", CopyKind::Master).unwrap(),
            Some(MemberId::from("leder"))
        );
        assert_eq!(machine.identity("runde-1", CopyKind::Member).unwrap(), None);
        assert_eq!(machine.identity("runde-2", CopyKind::Master).unwrap(), None);
        assert!(machine.member_key("../x", &MemberId::from("kari")).is_err());
    }
}
