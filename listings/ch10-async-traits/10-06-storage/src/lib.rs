//! Listing 10-6: a pluggable storage backend. One trait with `Send`
//! futures; an in-memory and a file-backed implementation; a dyn-compatible
//! twin with boxed futures, bridged both ways; a small notes service used
//! generically and through `dyn`; one test suite run against all of them.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

// ANCHOR: trait
#[derive(Debug)]
pub enum StoreError {
    /// Keys are 1 to 64 ASCII letters, digits, `-` or `_`.
    InvalidKey(String),
    /// The file-backed store's I/O failed.
    Io(io::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A key-value store. Its futures are `Send`, so a service may spawn them.
pub trait Storage: Send + Sync {
    fn get(&self, key: &str) -> impl Future<Output = Result<Option<Vec<u8>>>> + Send;
    fn put(&self, key: &str, value: Vec<u8>) -> impl Future<Output = Result<()>> + Send;
    /// Whether there was a value to delete.
    fn delete(&self, key: &str) -> impl Future<Output = Result<bool>> + Send;
    /// Every key, sorted.
    fn keys(&self) -> impl Future<Output = Result<Vec<String>>> + Send;
}
// ANCHOR_END: trait

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::InvalidKey(key) => write!(f, "invalid key {key:?}"),
            StoreError::Io(e) => write!(f, "storage I/O failed: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

fn check(key: &str) -> Result<()> {
    let ok = (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::InvalidKey(key.to_string()))
    }
}

// ANCHOR: memory
/// In memory. The lock is a `std` mutex, held only between awaits (there
/// are none here): a guard held across an `.await` would make the future
/// not `Send`, and the trait would reject the impl.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Storage for MemoryStore {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        check(key)?;
        Ok(self.entries.lock().unwrap().get(key).cloned())
    }

    async fn put(&self, key: &str, value: Vec<u8>) -> Result<()> {
        check(key)?;
        self.entries.lock().unwrap().insert(key.to_string(), value);
        Ok(())
    }

    async fn delete(&self, key: &str) -> Result<bool> {
        check(key)?;
        Ok(self.entries.lock().unwrap().remove(key).is_some())
    }

    async fn keys(&self) -> Result<Vec<String>> {
        Ok(self.entries.lock().unwrap().keys().cloned().collect())
    }
}
// ANCHOR_END: memory

// ANCHOR: file
/// One file per key in a directory, through `tokio::fs` (whose futures are
/// `Send`). A missing file is a missing key, not an error.
pub struct FileStore {
    dir: PathBuf,
}

impl FileStore {
    pub async fn open(dir: impl Into<PathBuf>) -> Result<FileStore> {
        let dir = dir.into();
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(StoreError::Io)?;
        Ok(FileStore { dir })
    }
}

impl Storage for FileStore {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        check(key)?;
        match tokio::fs::read(self.dir.join(key)).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::Io(e)),
        }
    }

    async fn put(&self, key: &str, value: Vec<u8>) -> Result<()> {
        check(key)?;
        tokio::fs::write(self.dir.join(key), value)
            .await
            .map_err(StoreError::Io)
    }

    async fn delete(&self, key: &str) -> Result<bool> {
        check(key)?;
        match tokio::fs::remove_file(self.dir.join(key)).await {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(StoreError::Io(e)),
        }
    }

    async fn keys(&self) -> Result<Vec<String>> {
        let mut entries = tokio::fs::read_dir(&self.dir)
            .await
            .map_err(StoreError::Io)?;
        let mut keys = Vec::new();
        while let Some(entry) = entries.next_entry().await.map_err(StoreError::Io)? {
            keys.extend(entry.file_name().to_str().map(String::from));
        }
        keys.sort();
        Ok(keys)
    }
}
// ANCHOR_END: file

// ANCHOR: dyn
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The same operations with boxed futures: dyn compatible. (Other names,
/// so that a call such as `store.get(k)` is not ambiguous for the types
/// that implement both traits.)
pub trait DynStorage: Send + Sync {
    fn get_boxed<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>>>;
    fn put_boxed<'a>(&'a self, key: &'a str, value: Vec<u8>) -> BoxFuture<'a, Result<()>>;
    fn delete_boxed<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<bool>>;
    fn keys_boxed(&self) -> BoxFuture<'_, Result<Vec<String>>>;
}

/// Every `Storage` is a `DynStorage`: box each future.
impl<S: Storage> DynStorage for S {
    fn get_boxed<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>>> {
        Box::pin(self.get(key))
    }
    fn put_boxed<'a>(&'a self, key: &'a str, value: Vec<u8>) -> BoxFuture<'a, Result<()>> {
        Box::pin(self.put(key, value))
    }
    fn delete_boxed<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<bool>> {
        Box::pin(self.delete(key))
    }
    fn keys_boxed(&self) -> BoxFuture<'_, Result<Vec<String>>> {
        Box::pin(self.keys())
    }
}

/// And a boxed `DynStorage` is a `Storage` again, so generic code takes it.
/// Each method calls through `**self`, the `dyn DynStorage` inside: the box
/// itself is now a `Storage` and so, by the impl above, a `DynStorage`, and
/// `self.get_boxed(key)` would call that impl, which calls this one, until
/// the stack overflows.
impl Storage for Box<dyn DynStorage> {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        (**self).get_boxed(key).await
    }
    async fn put(&self, key: &str, value: Vec<u8>) -> Result<()> {
        (**self).put_boxed(key, value).await
    }
    async fn delete(&self, key: &str) -> Result<bool> {
        (**self).delete_boxed(key).await
    }
    async fn keys(&self) -> Result<Vec<String>> {
        (**self).keys_boxed().await
    }
}
// ANCHOR_END: dyn

// ANCHOR: service
/// A small service: notes by title, stored as UTF-8.
pub struct Notes<S> {
    store: S,
}

impl<S: Storage + 'static> Notes<S> {
    pub fn new(store: S) -> Arc<Self> {
        Arc::new(Notes { store })
    }

    pub async fn read(&self, title: &str) -> Result<Option<String>> {
        let bytes = self.store.get(title).await?;
        Ok(bytes.map(|b| String::from_utf8_lossy(&b).into_owned()))
    }

    /// Saves every note in a task of its own: this needs the store's
    /// futures to be `Send` and `'static` once they own what they borrow.
    pub async fn save_all(self: &Arc<Self>, notes: Vec<(String, String)>) -> Result<usize> {
        let mut tasks = tokio::task::JoinSet::new();
        for (title, body) in notes {
            let notes = Arc::clone(self);
            tasks.spawn(async move { notes.store.put(&title, body.into_bytes()).await });
        }
        let mut saved = 0;
        while let Some(done) = tasks.join_next().await {
            done.expect("a save panicked")?;
            saved += 1;
        }
        Ok(saved)
    }

    pub async fn titles(&self) -> Result<Vec<String>> {
        self.store.keys().await
    }
}
// ANCHOR_END: service

/// A fresh directory under the system's temporary one, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("ch10-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: suite
    /// One suite for every backend: what a `Storage` must do.
    async fn suite(store: impl Storage) {
        assert_eq!(store.get("a").await.unwrap(), None);
        store.put("a", b"one".to_vec()).await.unwrap();
        store.put("b-2", b"two".to_vec()).await.unwrap();
        assert_eq!(store.get("a").await.unwrap().as_deref(), Some(&b"one"[..]));
        store.put("a", b"uno".to_vec()).await.unwrap(); // overwrite
        assert_eq!(store.get("a").await.unwrap().as_deref(), Some(&b"uno"[..]));
        assert_eq!(store.keys().await.unwrap(), ["a", "b-2"]);
        assert!(store.delete("a").await.unwrap());
        assert!(!store.delete("a").await.unwrap());
        assert_eq!(store.keys().await.unwrap(), ["b-2"]);
        for bad in ["", "../escape", "a/b", "dot.ted", &"k".repeat(65)] {
            assert!(
                matches!(store.put(bad, vec![]).await, Err(StoreError::InvalidKey(_))),
                "{bad:?}"
            );
            assert!(
                matches!(store.get(bad).await, Err(StoreError::InvalidKey(_))),
                "{bad:?}"
            );
        }
        assert_eq!(store.keys().await.unwrap(), ["b-2"]);
    }

    #[tokio::test]
    async fn memory_store_passes() {
        suite(MemoryStore::default()).await;
    }

    #[tokio::test]
    async fn file_store_passes() {
        let dir = TempDir::new("suite");
        suite(FileStore::open(&dir.0).await.unwrap()).await;
    }

    #[tokio::test]
    async fn both_pass_through_dyn() {
        let dir = TempDir::new("dyn");
        let backends: Vec<Box<dyn DynStorage>> = vec![
            Box::new(MemoryStore::default()),
            Box::new(FileStore::open(&dir.0).await.unwrap()),
        ];
        for backend in backends {
            suite(backend).await;
        }
    }
    // ANCHOR_END: suite

    async fn service_round_trip<S: Storage + 'static>(store: S) {
        let notes = Notes::new(store);
        let batch: Vec<_> = (0..20)
            .map(|i| (format!("note-{i:02}"), format!("body {i}")))
            .collect();
        assert_eq!(notes.save_all(batch).await.unwrap(), 20);
        assert_eq!(notes.titles().await.unwrap().len(), 20);
        assert_eq!(
            notes.read("note-07").await.unwrap().as_deref(),
            Some("body 7")
        );
        assert_eq!(notes.read("note-99").await.unwrap(), None);
        let bad = vec![
            ("ok".to_string(), "x".to_string()),
            ("not ok".to_string(), "y".to_string()),
        ];
        assert!(
            matches!(notes.save_all(bad).await, Err(StoreError::InvalidKey(k)) if k == "not ok")
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn service_works_generically_and_through_dyn_on_both_backends() {
        let dir = TempDir::new("service");
        service_round_trip(MemoryStore::default()).await;
        service_round_trip(FileStore::open(dir.0.join("generic")).await.unwrap()).await;
        let memory: Box<dyn DynStorage> = Box::new(MemoryStore::default());
        service_round_trip(memory).await;
        let file: Box<dyn DynStorage> = Box::new(FileStore::open(dir.0.join("dyn")).await.unwrap());
        service_round_trip(file).await;
    }

    #[tokio::test]
    async fn file_store_reports_io_errors() {
        let dir = TempDir::new("fault");
        let store = FileStore::open(&dir.0).await.unwrap();
        store.put("kept", b"x".to_vec()).await.unwrap();
        // The directory disappears under the store.
        std::fs::remove_dir_all(&dir.0).unwrap();
        assert!(matches!(
            store.put("lost", b"y".to_vec()).await,
            Err(StoreError::Io(_))
        ));
        assert!(matches!(store.keys().await, Err(StoreError::Io(_))));
        // Reading a missing file is still "no such key".
        assert_eq!(store.get("kept").await.unwrap(), None);
    }

    #[test]
    fn errors_read_well() {
        assert_eq!(
            StoreError::InvalidKey("a/b".into()).to_string(),
            "invalid key \"a/b\""
        );
    }
}
