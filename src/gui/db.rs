//! L'accès de la fenêtre à la base : la session (bailleur, utilisateur), la date du jour,
//! et le store partagé avec les tâches de fond. Les lectures et écritures de la fenêtre
//! ne font jamais attendre l'affichage : si un traitement tient la base, elles renvoient
//! aussitôt « base occupée ».

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

use chrono::NaiveDate;
use iced::Task;

use super::text as wording;
use super::widget::treatment::{Progress, Report};
use crate::store::{Repo, Session, Store, StoreError};

/// La base ouverte par la fenêtre.
#[derive(Clone)]
pub struct Db {
    store: Arc<Mutex<Store>>,
    pub session: Session,
    pub path: PathBuf,
    pub today: NaiveDate,
}

/// Erreur « base occupée » : un traitement de fond écrit.
fn busy() -> StoreError {
    StoreError::Database(wording::BUSY.to_string())
}

impl Db {
    pub fn new(store: Store, session: Session, path: PathBuf, today: NaiveDate) -> Self {
        Db {
            store: Arc::new(Mutex::new(store)),
            session,
            path,
            today,
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, Store>, StoreError> {
        match self.store.try_lock() {
            Ok(guard) => Ok(guard),
            // Un traitement a paniqué en tenant la base : sa transaction a été annulée,
            // la base reste utilisable.
            Err(TryLockError::Poisoned(poisoned)) => Ok(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => Err(busy()),
        }
    }

    /// Lecture cloisonnée au bailleur de la session.
    pub fn read<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&Repo) -> Result<T, E>,
    ) -> Result<T, E> {
        let store = self.lock()?;
        work(&store.read(&self.session))
    }

    /// Écriture dans une transaction (tout ou rien), tracée au journal d'audit.
    pub fn write<T, E: From<StoreError>>(
        &self,
        action: &str,
        work: impl FnOnce(&Repo) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut store = self.lock()?;
        store.write(&self.session, action, work)
    }

    /// Accès direct au store (contrôle de la base, changement de bailleur).
    pub fn with_store<T>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut store = self.lock()?;
        work(&mut store)
    }

    /// Lance un travail dans un fil à part ; la tâche rend sa progression puis son
    /// compte rendu. Une panique du travail devient un message d'erreur.
    pub fn spawn<F>(&self, work: F) -> Task<Progress>
    where
        F: FnOnce(&mut Store, &Session, &dyn Fn(usize, usize, &str)) -> Result<Report, String>
            + Send
            + 'static,
    {
        let store = Arc::clone(&self.store);
        let session = self.session.clone();
        let (sender, receiver) = iced::futures::channel::mpsc::unbounded();
        let spawned = std::thread::Builder::new()
            .name("abri-traitement".to_string())
            .spawn(move || {
                let progress = |done: usize, total: usize, label: &str| {
                    let _ = sender.unbounded_send(Progress::Step {
                        done,
                        total,
                        label: label.to_string(),
                    });
                };
                let mut guard = match store.lock() {
                    Ok(guard) => guard,
                    Err(poisoned) => poisoned.into_inner(),
                };
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    work(&mut guard, &session, &progress)
                }));
                drop(guard);
                let result = outcome.unwrap_or_else(|panic| {
                    let detail = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    Err(wording::treatment_crashed(&detail))
                });
                let _ = sender.unbounded_send(Progress::Done(result));
            });
        match spawned {
            Ok(_) => Task::stream(receiver),
            Err(e) => Task::done(Progress::Done(Err(wording::treatment_crashed(
                &e.to_string(),
            )))),
        }
    }
}
