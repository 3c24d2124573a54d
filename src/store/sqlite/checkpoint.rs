//! Report du journal WAL dans le fichier de la base, à côté des traitements.
//!
//! Sans lui, le journal grossit jusqu'au seuil de `wal_autocheckpoint` (256 Mo), chaque
//! lecture le parcourt, et le traitement qui franchit ce seuil paie tout le report dans
//! sa validation. Un fil à part, avec sa propre connexion ouverte une fois, le reporte
//! sans rien bloquer (mode PASSIVE) dès qu'il dépasse 64 Mo après une validation.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use rusqlite::Connection;

/// Taille du journal au-delà de laquelle il est reporté à côté.
const LARGE_WAL: u64 = 64 * 1024 * 1024;

/// Le fil qui reporte le journal d'une base, lancé à son ouverture.
pub(super) struct Checkpointer {
    wal: PathBuf,
    /// Taille du journal qui déclenche un report (`LARGE_WAL`, plus petite en test).
    threshold: u64,
    worker: Option<Worker>,
}

struct Worker {
    wake: SyncSender<()>,
    busy: Arc<Busy>,
    thread: JoinHandle<()>,
}

/// Vrai de la demande de report à sa fin : une seule demande à la fois.
#[derive(Default)]
struct Busy {
    flag: Mutex<bool>,
    done: Condvar,
}

impl Busy {
    /// Marque le fil occupé ; faux s'il l'était déjà.
    fn take(&self) -> bool {
        let mut busy = self.flag.lock().unwrap_or_else(|e| e.into_inner());
        !std::mem::replace(&mut *busy, true)
    }

    fn release(&self) {
        *self.flag.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.done.notify_all();
    }

    fn wait(&self) {
        let mut busy = self.flag.lock().unwrap_or_else(|e| e.into_inner());
        while *busy {
            busy = self.done.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Checkpointer {
    pub(super) fn new(database: &Path) -> Self {
        Self::with_threshold(database, LARGE_WAL)
    }

    fn with_threshold(database: &Path, threshold: u64) -> Self {
        Checkpointer {
            wal: wal_path(database),
            threshold,
            worker: Some(Worker::start(database)),
        }
    }

    /// Après une validation : demande un report si le journal est gros et qu'aucun
    /// n'est en cours. Un report qui échoue ne perd rien : le journal reste valide et
    /// sera reporté plus tard, ou à la fermeture de la base.
    pub(super) fn after_commit(&mut self) {
        let large = std::fs::metadata(&self.wal).is_ok_and(|m| m.len() > self.threshold);
        let Some(worker) = &self.worker else { return };
        if large && worker.busy.take() && worker.wake.try_send(()).is_err() {
            worker.busy.release();
        }
    }

    /// Attend la fin du report en cours, s'il y en a un.
    pub(super) fn wait(&self) {
        if let Some(worker) = &self.worker {
            worker.busy.wait();
        }
    }

    /// Attend la fin du report en cours et arrête le fil (avant la fermeture de la
    /// connexion principale, qui doit être la dernière pour reporter le reste).
    pub(super) fn stop(&mut self) {
        if let Some(worker) = self.worker.take() {
            drop(worker.wake);
            let _ = worker.thread.join();
        }
    }
}

/// Le fichier du journal WAL d'une base : son nom suivi de « -wal ».
fn wal_path(database: &Path) -> PathBuf {
    let mut wal = database.to_path_buf().into_os_string();
    wal.push("-wal");
    PathBuf::from(wal)
}

impl Worker {
    /// Lance le fil, qui ouvre sa connexion d'emblée : ses allocations se font dès lors
    /// dans sa propre réserve de mémoire (glibc en donne une par fil), pas dans celle,
    /// déjà remplie puis libérée, d'un fil de lecture terminé, qui resterait sinon
    /// occupée pour rien (30 Mo de plus au pic mesuré).
    fn start(database: &Path) -> Self {
        let (wake, requests) = sync_channel::<()>(1);
        let busy = Arc::new(Busy::default());
        let done = Arc::clone(&busy);
        let path = database.to_path_buf();
        let thread = std::thread::spawn(move || {
            let conn = Connection::open(&path).ok();
            for () in requests {
                if let Some(conn) = &conn {
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
                done.release();
            }
        });
        Worker { wake, busy, thread }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Une base en WAL sans report automatique, dont le journal est ramené à zéro
    /// octet à chaque redémarrage : sa taille dit si le report a eu lieu.
    fn base(path: &Path) -> Connection {
        let conn = Connection::open(path).expect("base de test");
        conn.pragma_update(None, "journal_mode", "WAL")
            .expect("WAL");
        conn.pragma_update(None, "wal_autocheckpoint", 0)
            .expect("sans report");
        conn.pragma_update(None, "journal_size_limit", 0)
            .expect("limite");
        conn.execute_batch("CREATE TABLE t (x BLOB)")
            .expect("table");
        conn
    }

    fn write_pages(conn: &Connection, n: usize) {
        let tx = conn.unchecked_transaction().expect("transaction");
        for _ in 0..n {
            tx.execute("INSERT INTO t VALUES (zeroblob(4000))", [])
                .expect("ligne");
        }
        tx.commit().expect("validation");
    }

    fn wal_len(path: &Path) -> u64 {
        std::fs::metadata(wal_path(path)).map_or(0, |m| m.len())
    }

    /// Taille du journal après `pages` pages écrites, puis après une demande de report
    /// (seuil de 100 pages), son attente et une page de plus ; et les lignes de la base.
    fn journal_around_report(pages: usize) -> (u64, u64, i64) {
        let dir = tempfile::tempdir().expect("dossier");
        let path = dir.path().join("base.db");
        let conn = base(&path);
        let mut checkpointer = Checkpointer::with_threshold(&path, 100 * 4096);
        write_pages(&conn, pages);
        let before = wal_len(&path);
        checkpointer.after_commit();
        checkpointer.stop();
        write_pages(&conn, 1);
        let rows = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .expect("comptage");
        (before, wal_len(&path), rows)
    }

    #[test]
    fn a_large_journal_is_reported_beside_and_restarts_at_the_next_write() {
        let (before, after, rows) = journal_around_report(200);
        assert!(before > 200 * 4096, "journal de {before} octets");
        // tout le journal est dans le fichier : la page suivante le recommence au début
        assert!(
            after < 4 * 4096,
            "journal de {after} octets après le report"
        );
        assert_eq!(rows, 201);
    }

    #[test]
    fn a_small_journal_is_left_for_later() {
        let (before, after, rows) = journal_around_report(50);
        assert!(after > before, "le journal a été reporté trop tôt");
        assert_eq!(rows, 51);
    }
}
