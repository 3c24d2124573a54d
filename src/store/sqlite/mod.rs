//! Le moteur SQLite du store, seul endroit qui parle SQL : ouverture et migration de la
//! base, le dépôt `SqliteRepo` qui implémente les traits de `store` (un fichier par
//! agrégat), transactions, journal d'audit, cloisonnement par bailleur.

/// Les comptes du bailleur `?1`, à écrire après `account_id IN` dans une recherche des
/// écritures d'un tiers : l'index des soldes (bailleur, compte, tiers, date) est alors
/// parcouru compte par compte jusqu'au tiers, au lieu de tout le grand livre (il n'y a
/// pas d'index des écritures par tiers, qui coûtait une page écrite par locataire et par
/// traitement).
macro_rules! landlord_accounts {
    () => {
        "(SELECT id FROM account WHERE landlord_id = ?1)"
    };
}

mod allocation_keys;
mod backup;
mod books;
mod buildings;
mod caf;
mod catalogues;
mod checkpoint;
mod direct_debits;
mod documents;
mod landlords;
mod leases;
pub mod migrate;
mod move_outs;
mod payments;
mod revisions;
mod tenants;
pub mod verify;
mod vouchers;

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use super::{BaseStamp, Books, Repo, Repository, Result, Session, StoreError};
use crate::ledger::LedgerLine;

pub use migrate::SCHEMA_VERSION;

/// Les erreurs de SQLite, avec leur texte.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

/// Une base Abri ouverte.
pub struct Store {
    /// Seconde connexion, en lecture seule, ouverte à la première lecture parallèle
    /// (`Repo::beside`) et gardée pour que son cache reste chaud. Déclarée avant `conn`
    /// pour être fermée avant elle : la dernière connexion fermée reporte le journal.
    reader: std::cell::RefCell<Option<Connection>>,
    conn: Connection,
    /// Fichier de la base ; `None` en mémoire (pas de seconde connexion possible).
    path: Option<std::path::PathBuf>,
    /// Numéro de cette ouverture dans le processus (voir `BaseStamp`).
    id: u64,
    /// Report du journal WAL dans le fichier, à côté des traitements (base sur disque).
    checkpoint: Option<checkpoint::Checkpointer>,
}

/// Numéros des bases ouvertes par le processus.
static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Store {
    /// Ouvre (ou crée) un fichier de base et le met au schéma courant.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // Chaque validation reste écrite et synchronisée dans le journal (WAL, mode FULL
        // par défaut). Le report du journal dans le fichier (point de contrôle) se fait
        // à côté dès qu'il dépasse 64 Mo (`checkpoint`), et à la fermeture ; la
        // connexion principale ne le fait elle-même qu'au-delà de 256 Mo, au lieu de
        // tous les 4 Mo : un traitement de 10 000 avis ne l'attend plus (0,7 s sur 3
        // mesurées). Après un report, le journal est ramené à 64 Mo au plus sur le disque.
        conn.pragma_update(None, "wal_autocheckpoint", 65536)?;
        conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// Base en mémoire (tests).
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<std::path::PathBuf>) -> Result<Store> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Les traitements écrivent des dizaines de milliers de lignes dans des tables à
        // plusieurs index : 64 Mo de pages en mémoire au lieu de 2 évitent de relire
        // sans cesse les mêmes pages, et le cache de requêtes préparées doit contenir
        // toutes celles du chemin de saisie (plus de 16).
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.set_prepared_statement_cache_capacity(128);
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate::migrate(&mut conn, &migrate::migrations())?;
        Ok(Store {
            reader: std::cell::RefCell::new(None),
            conn,
            id: OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            checkpoint: path.as_deref().map(checkpoint::Checkpointer::new),
            path,
        })
    }

    /// Version du schéma enregistrée dans le fichier.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Lecture seule, cloisonnée au bailleur de la session.
    pub fn read<'a>(&'a self, session: &'a Session) -> SqliteRepo<'a> {
        SqliteRepo::new(
            &self.conn,
            session,
            Beside::of(self.path.as_deref(), &self.reader, &self.conn),
            Some(self.id),
        )
    }

    /// Écriture : tout `work` dans une transaction, avec une entrée d'audit ; la moindre
    /// erreur annule tout.
    /// L'erreur de `work` est rendue telle quelle (erreur d'import, de grand livre…),
    /// après annulation de la transaction.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        session: &Session,
        action: &str,
        work: impl FnOnce(&Repo) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        // Le verrou d'écriture est pris d'emblée (BEGIN IMMEDIATE) : personne ne valide
        // rien pendant le traitement, les lectures faites à côté (`Repo::beside`) avant
        // sa première écriture voient donc exactement la même base que lui.
        let beside = Beside::of(self.path.as_deref(), &self.reader, &self.conn);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let value = {
            let repo = SqliteRepo::new(&tx, session, beside, Some(self.id));
            let value = work(&repo)?;
            repo.audit(action, "", "", "")?;
            value
        };
        tx.commit().map_err(StoreError::from)?;
        if let Some(checkpoint) = &mut self.checkpoint {
            checkpoint.after_commit();
        }
        Ok(value)
    }

    /// Attend la fin du report du journal lancé à côté après la dernière écriture, s'il
    /// y en a un (mesures : chaque traitement part d'une base au repos).
    pub fn wait_for_checkpoint(&self) {
        if let Some(checkpoint) = &self.checkpoint {
            checkpoint.wait();
        }
    }

    /// Bailleurs présents dans la base (code, nom).
    pub fn landlords(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT code, name FROM landlord ORDER BY code")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Ouvre une session sur un bailleur (le premier s'il n'est pas précisé).
    pub fn session(&self, landlord_code: Option<&str>, user: &str) -> Result<Session> {
        let row: Option<(i64, String)> = match landlord_code {
            Some(code) => self
                .conn
                .query_row(
                    "SELECT id, code FROM landlord WHERE code = ?1",
                    [code],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?,
            None => self
                .conn
                .query_row(
                    "SELECT id, code FROM landlord ORDER BY code LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?,
        };
        match row {
            Some((landlord_id, landlord_code)) => Ok(Session {
                landlord_id,
                landlord_code,
                user: user.to_string(),
                role: crate::model::Role::Administrator,
            }),
            None => Err(StoreError::UnknownLandlord(
                landlord_code.map(str::to_string).unwrap_or_else(|| {
                    "(aucun bailleur dans la base : créez-en un avec « abri --db FICHIER bailleur creer --code CODE --nom NOM », ou lancez « abri demo »)"
                        .to_string()
                }),
            )),
        }
    }

    /// Connexion brute, pour les contrôles de `verify` et les tests d'intégrité.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

impl Drop for Store {
    /// Le report à côté se termine avant la fermeture de la connexion principale, qui
    /// doit être la dernière pour reporter le reste du journal et l'effacer.
    fn drop(&mut self) {
        if let Some(checkpoint) = &mut self.checkpoint {
            checkpoint.stop();
        }
    }
}

/// Accès aux fiches d'un bailleur, en lecture (hors transaction) ou en écriture
/// (dans la transaction de `Store::write`).
pub struct SqliteRepo<'a> {
    conn: &'a Connection,
    session: &'a Session,
    memo: Memo,
    beside: Option<Beside<'a>>,
    /// Numéro de la base ouverte (`Store::id`) ; aucun pour la seconde connexion, dont
    /// l'état ne se relève pas (`stamp`).
    store: Option<u64>,
}

impl<'a> SqliteRepo<'a> {
    /// Un dépôt sur `conn` : rien de retenu, la seconde connexion `beside` s'il y en a
    /// une, le numéro de la base ouverte s'il s'agit de sa connexion principale.
    fn new(
        conn: &'a Connection,
        session: &'a Session,
        beside: Option<Beside<'a>>,
        store: Option<u64>,
    ) -> Self {
        SqliteRepo {
            conn,
            session,
            memo: Memo::default(),
            beside,
            store,
        }
    }
}

/// Ouvre la seconde connexion d'une base : en lecture seule, avec un cache plus petit
/// que celui de la première (16 Mo) pour tenir le pic de mémoire des traitements.
fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "query_only", "ON")?;
    conn.pragma_update(None, "cache_size", -16384)?;
    conn.set_prepared_statement_cache_capacity(64);
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// La seconde connexion d'un dépôt, pour lire à côté de la première.
#[derive(Clone, Copy)]
struct Beside<'a> {
    path: &'a Path,
    reader: &'a std::cell::RefCell<Option<Connection>>,
    /// Modifications de la connexion principale à l'ouverture du dépôt : si le dépôt a
    /// écrit depuis, la seconde connexion ne verrait pas ces écritures non validées.
    changes_at_start: u64,
}

impl<'a> Beside<'a> {
    /// Ce qu'il faut au dépôt pour lire en parallèle : le fichier et la seconde
    /// connexion (rien pour une base en mémoire).
    fn of(
        path: Option<&'a Path>,
        reader: &'a std::cell::RefCell<Option<Connection>>,
        conn: &Connection,
    ) -> Option<Self> {
        path.map(|path| Beside {
            path,
            reader,
            changes_at_start: conn.total_changes(),
        })
    }
}

/// Ce qu'un dépôt retient le temps d'une transaction pour ne pas relire la base à
/// chaque pièce d'un traitement qui en écrit des milliers : les identifiants des fiches
/// par référence (oubliés dès qu'une de ces tables est modifiée ou vidée) et l'empreinte
/// du dernier événement du journal des pièces (écrit par ce seul dépôt pendant la
/// transaction, qui tient le verrou d'écriture), et l'horodatage des lignes écrites.
#[derive(Default)]
struct Memo {
    ids: std::cell::RefCell<Ids>,
    last_event_hash: std::cell::RefCell<Option<String>>,
    now: std::cell::OnceCell<String>,
}

/// Identifiants retenus, table par table puis par référence : une recherche ne copie pas
/// la référence (un traitement de 10 000 avis en fait près de 80 000).
#[derive(Default)]
struct Ids(Vec<(&'static str, std::collections::HashMap<String, i64>)>);

impl Ids {
    fn get(&self, table: &str, reference: &str) -> Option<i64> {
        self.0
            .iter()
            .find(|(t, _)| *t == table)
            .and_then(|(_, ids)| ids.get(reference))
            .copied()
    }

    fn insert(&mut self, table: &'static str, reference: String, id: i64) {
        match self.0.iter_mut().find(|(t, _)| *t == table) {
            Some((_, ids)) => {
                ids.insert(reference, id);
            }
            None => self
                .0
                .push((table, std::collections::HashMap::from([(reference, id)]))),
        }
    }

    fn clear(&mut self) {
        self.0.clear();
    }
}

impl Memo {
    /// Les tables dont `id_of` retient les identifiants.
    const ID_TABLES: [&'static str; 10] = [
        "account",
        "bank",
        "building",
        "charge_item",
        "journal",
        "lease",
        "tenant",
        "third_party",
        "unit",
        "voucher_template",
    ];

    /// Oublie les identifiants si `sql` modifie ou supprime des fiches dont on retient
    /// l'identifiant (une pièce n'en est oubliée qu'à sa suppression : son numéro ne
    /// change pas).
    fn forget_ids_changed_by(&self, sql: &str) {
        let mut words = sql.split_whitespace();
        let verb = words.next().unwrap_or_default();
        let is = |word: &str, expected: &str| word.eq_ignore_ascii_case(expected);
        let table = if is(verb, "SELECT") {
            return;
        } else if is(verb, "INSERT") {
            // « INSERT INTO » n'efface ni ne change rien ; « INSERT OR REPLACE » peut effacer
            match words.next() {
                Some(w) if is(w, "INTO") => return,
                _ => None,
            }
        } else if is(verb, "UPDATE") {
            words.next().filter(|w| !is(w, "OR"))
        } else if is(verb, "DELETE") || is(verb, "REPLACE") {
            words.nth(1)
        } else {
            // forme non reconnue (WITH …) : prudence
            None
        };
        let forget = match table {
            Some(t) if is(t, "voucher") => !is(verb, "UPDATE"),
            Some(t) => Memo::ID_TABLES.iter().any(|known| is(t, known)),
            None => true,
        };
        if forget {
            self.ids.borrow_mut().clear();
        }
    }
}

/// Un `SqliteRepo` s'emploie partout où l'on attend un `Repo` (`store.read(&s).beside(…)`).
impl<'a> std::ops::Deref for SqliteRepo<'a> {
    type Target = Repo<'a>;

    fn deref(&self) -> &Repo<'a> {
        self
    }
}

impl Repository for SqliteRepo<'_> {
    /// Le côté `there` se fait sur la seconde connexion, dans un autre fil, pendant que
    /// `here` se fait sur celle du dépôt ; l'un après l'autre, sur ce dépôt, pour une
    /// base en mémoire, si la seconde connexion ne s'ouvre pas, ou si le dépôt a déjà
    /// écrit (la seconde connexion ne verrait pas ces écritures non validées).
    fn beside_each(&self, there: &mut (dyn FnMut(&Repo) + Send), here: &mut dyn FnMut(&Repo)) {
        if !self.read_beside(there, here) {
            there(self);
            here(self);
        }
    }

    /// L'état de la base vu par ce dépôt (rien pour la seconde connexion).
    fn stamp(&self) -> Result<Option<BaseStamp>> {
        let Some(store) = self.store else {
            return Ok(None);
        };
        let data_version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Some(BaseStamp {
            store,
            data_version,
            changes: self.conn.total_changes(),
        }))
    }

    /// Nombre de lignes du bailleur dans une table (comptes rendus, tests).
    fn count(&self, table: &'static str) -> Result<i64> {
        let sql = format!("SELECT count(*) FROM {table} WHERE landlord_id = ?1");
        Ok(self
            .conn
            .query_row(&sql, [self.session.landlord_id], |r| r.get(0))?)
    }

    fn visit_ledger_lines(
        &self,
        to: Option<chrono::NaiveDate>,
        visit: &mut dyn FnMut(&LedgerLine) -> Result<()>,
    ) -> Result<()> {
        self.visit_all_lines(to, visit)
    }
}

impl SqliteRepo<'_> {
    /// Fait `there` sur la seconde connexion pendant que `here` se fait sur celle-ci ;
    /// faux, sans rien faire, si la seconde connexion ne peut pas servir.
    fn read_beside(
        &self,
        there: &mut (dyn FnMut(&Repo) + Send),
        here: &mut dyn FnMut(&Repo),
    ) -> bool {
        let unwritten = |b: &Beside| b.changes_at_start == self.conn.total_changes();
        let Some(beside) = self.beside.filter(unwritten) else {
            return false;
        };
        // une lecture parallèle déjà en cours tient la seconde connexion
        let Ok(mut slot) = beside.reader.try_borrow_mut() else {
            return false;
        };
        if slot.is_none() {
            *slot = open_reader(beside.path).ok();
        }
        let Some(reader) = slot.as_mut() else {
            return false;
        };
        // une transaction de lecture : tout `there` voit le même état de la base
        if reader.execute_batch("BEGIN").is_err() {
            return false;
        }
        let session = self.session;
        let reader_ref: &mut Connection = reader;
        let done = std::thread::scope(|scope| {
            let handle =
                scope.spawn(move || there(&SqliteRepo::new(reader_ref, session, None, None)));
            here(self);
            handle.join()
        });
        if reader.execute_batch("COMMIT").is_err() {
            // rien n'a été écrit : ne pas laisser la lecture ouverte (elle retiendrait
            // le journal WAL)
            *slot = None;
        }
        if let Err(panic) = done {
            std::panic::resume_unwind(panic);
        }
        true
    }

    /// Exécute une écriture SQL avec une requête préparée gardée en cache (les
    /// traitements en répètent des milliers).
    fn exec<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.memo.forget_ids_changed_by(sql);
        Ok(self.conn.prepare_cached(sql)?.execute(params)?)
    }

    /// Horodatage (UTC, à la seconde) des lignes écrites par ce dépôt : lu une fois, à
    /// la première écriture de la transaction, et commun à tout le traitement.
    fn now(&self) -> Result<&str> {
        if let Some(now) = self.memo.now.get() {
            return Ok(now);
        }
        let now: String =
            self.conn
                .query_row("SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now')", [], |r| {
                    r.get(0)
                })?;
        Ok(self.memo.now.get_or_init(|| now))
    }

    /// Identifiant d'une fiche du bailleur par sa référence.
    fn id_of(&self, table: &'static str, what: &'static str, reference: &str) -> Result<i64> {
        let reference = reference.trim();
        if let Some(id) = self.memo.ids.borrow().get(table, reference) {
            return Ok(id);
        }
        let sql = format!("SELECT id FROM {table} WHERE landlord_id = ?1 AND reference = ?2");
        let id = self
            .conn
            .prepare_cached(&sql)?
            .query_row(
                rusqlite::params![self.session.landlord_id, reference],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what,
                reference: reference.to_string(),
            })?;
        self.memo
            .ids
            .borrow_mut()
            .insert(table, reference.to_string(), id);
        Ok(id)
    }

    /// Retient d'un coup les identifiants de toutes les fiches de `table` du bailleur
    /// (une des tables retenues par `id_of`).
    fn remember_all_ids(&self, table: &'static str) -> Result<()> {
        if !Memo::ID_TABLES.contains(&table) {
            return Ok(());
        }
        let sql = format!("SELECT reference, id FROM {table} WHERE landlord_id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut ids = self.memo.ids.borrow_mut();
        while let Some(r) = rows.next()? {
            ids.insert(table, r.get(0)?, r.get(1)?);
        }
        Ok(())
    }

    /// Idem, pour une référence facultative.
    fn opt_id_of(
        &self,
        table: &'static str,
        what: &'static str,
        reference: Option<&str>,
    ) -> Result<Option<i64>> {
        match reference.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => self.id_of(table, what, r).map(Some),
            None => Ok(None),
        }
    }

    /// Refuse une référence déjà prise.
    fn ensure_new(&self, table: &'static str, what: &'static str, reference: &str) -> Result<()> {
        match self.id_of(table, what, reference) {
            Ok(_) => Err(StoreError::Duplicate {
                what,
                reference: reference.trim().to_string(),
            }),
            Err(StoreError::Unknown { .. }) => Ok(()),
            Err(other) => Err(other),
        }
    }
}

/// Conversions entre colonnes SQLite et types du modèle.
/// Une requête construite critère par critère : seuls les critères donnés y entrent, pour
/// que SQLite choisisse l'index qui les sert (une condition `?n IS NULL OR …` l'en
/// empêche). `?1` est toujours le bailleur de la session.
pub(crate) struct Query {
    pub text: String,
    pub values: Vec<rusqlite::types::Value>,
}

impl Query {
    pub fn new(text: &str, landlord_id: i64) -> Self {
        Query {
            text: text.to_string(),
            values: vec![rusqlite::types::Value::Integer(landlord_id)],
        }
    }

    /// Ajoute `fragment`, dont le `?` sans numéro reçoit `value` (`?1` y reste le
    /// bailleur).
    pub fn and(&mut self, fragment: &str, value: impl Into<rusqlite::types::Value>) {
        self.values.push(value.into());
        let mut chars = fragment.chars().peekable();
        while let Some(c) = chars.next() {
            self.text.push(c);
            if c == '?' && !chars.peek().is_some_and(char::is_ascii_digit) {
                self.text.push_str(&self.values.len().to_string());
            }
        }
    }

    /// Ajoute un texte sans paramètre.
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// « LIMIT n » si `limit` est donné.
    pub fn limit(&mut self, limit: Option<usize>) {
        if let Some(limit) = limit {
            self.and(" LIMIT ?", i64::try_from(limit).unwrap_or(i64::MAX));
        }
    }
}

pub(crate) mod col {
    use chrono::NaiveDate;

    use super::{Result, StoreError};
    use crate::model::{dates, money, Money};

    pub fn date(table: &'static str, column: &'static str, text: &str) -> Result<NaiveDate> {
        dates::from_iso(text).ok_or_else(|| StoreError::Corrupt {
            table,
            column,
            value: text.to_string(),
        })
    }

    pub fn opt_date(
        table: &'static str,
        column: &'static str,
        text: Option<String>,
    ) -> Result<Option<NaiveDate>> {
        text.map(|t| date(table, column, &t)).transpose()
    }

    pub fn iso(date: NaiveDate) -> String {
        dates::iso(date)
    }

    pub fn opt_iso(date: Option<NaiveDate>) -> Option<String> {
        date.map(dates::iso)
    }

    pub fn cents(table: &'static str, column: &'static str, amount: Money) -> Result<i64> {
        money::to_cents(amount).ok_or_else(|| StoreError::Corrupt {
            table,
            column,
            value: amount.to_string(),
        })
    }

    pub fn code<T>(
        table: &'static str,
        column: &'static str,
        text: &str,
        parse: fn(&str) -> std::result::Result<T, String>,
    ) -> Result<T> {
        parse(text).map_err(|_| StoreError::Corrupt {
            table,
            column,
            value: text.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    /// Après `sql`, le dépôt a-t-il encore l'identifiant retenu ?
    fn kept_after(sql: &str) -> bool {
        let memo = Memo::default();
        memo.ids.borrow_mut().insert("lease", "BAIL001".into(), 7);
        memo.forget_ids_changed_by(sql);
        let kept = memo.ids.borrow().get("lease", "BAIL001") == Some(7);
        kept
    }

    #[test]
    fn ids_are_forgotten_when_a_remembered_table_may_change() {
        assert!(kept_after("INSERT INTO entry (a) VALUES (1)"));
        assert!(kept_after("  UPDATE voucher SET sealed = 1 WHERE id = 2"));
        assert!(kept_after("UPDATE document SET notice_printed = 1"));
        assert!(kept_after(
            "DELETE FROM document_line WHERE document_id = 1"
        ));
        assert!(kept_after("SELECT id FROM lease"));
        assert!(!kept_after("UPDATE lease SET reference = 'X'"));
        assert!(!kept_after("delete from third_party where id = 1"));
        assert!(!kept_after("DELETE FROM voucher WHERE id = 3"));
        assert!(!kept_after("UPDATE OR REPLACE lease SET reference = 'X'"));
        assert!(!kept_after("INSERT OR REPLACE INTO lease VALUES (1)"));
        assert!(!kept_after("REPLACE INTO account VALUES (1)"));
        assert!(!kept_after("WITH x AS (SELECT 1) DELETE FROM lease"));
    }
}
