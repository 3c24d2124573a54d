//! Pièces et écritures. Les écritures de pièces (`Books`) demandent la porte du grand
//! livre, qui seul les appelle, après validation.

use rusqlite::{params, OptionalExtension};

use super::{col, Query, Result, SqliteRepo, StoreError};
use crate::ledger::balance::PostedEntry;
use crate::ledger::books::Books;
use crate::ledger::hash::{HashInput, LedgerEvent};
use crate::ledger::{LedgerLine, VoucherDraft};
use crate::model::money::from_cents;
use crate::model::ThirdPartyKind;
use crate::store::{Entries, VoucherFilter, VoucherSummary};

/// Colonnes lues par `visit_lines` (en-tête de la pièce, puis écriture) ; les
/// identifiants sont traduits par `Names`.
macro_rules! line_columns {
    () => {
        "SELECT v.number, v.journal_id, v.value_date, v.label, v.template_id, v.tiers_id, v.lease_id,
                v.reference, v.created_at, e.line_no, e.account_id, e.tiers_id,
                e.analytic, e.label, e.debit, e.credit, v.id"
    };
}

/// Écritures insérées par une seule instruction, au plus (10 valeurs chacune, loin de la
/// limite de SQLite ; une pièce ordinaire en a moins).
const ENTRIES_PER_INSERT: usize = 50;

/// Insertion de `rows` écritures en une instruction.
fn entries_insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO entry (landlord_id, voucher_id, line_no, account_id, tiers_id, analytic, label, debit, credit, value_date) VALUES ",
    );
    for i in 0..rows {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    sql
}

/// Identifiants du journal, du modèle, du tiers et de la location d'une pièce.
type VoucherLinks = (i64, Option<i64>, Option<i64>, Option<i64>);

/// Une pièce relue par `each_voucher_record`, pour `verifier`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoucherRecord {
    /// Empreinte enregistrée sur la pièce.
    pub stored_hash: String,
    pub sealed: bool,
    pub edit_open: bool,
    /// Totaux (centimes) et nombre de toutes les écritures rattachées à la pièce.
    pub debit: i128,
    pub credit: i128,
    pub entry_count: i64,
    /// Écritures du bailleur qui ne portent pas la date de valeur de la pièce.
    pub misdated_entries: i64,
    /// Faux si le journal de la pièce n'existe plus : la pièce n'a alors pas de contenu
    /// lisible (ni `voucher_contents` ni l'empreinte ne la voient).
    pub journal_found: bool,
    /// Ce que couvre l'empreinte : en-tête et écritures du bailleur dont le compte existe.
    pub content: HashInput,
}

impl VoucherRecord {
    /// En-tête d'une nouvelle pièce (colonnes 1 à 9 de `each_voucher_record`).
    fn start(&mut self, r: &rusqlite::Row, names: &mut Names) -> Result<()> {
        set(&mut self.content.number, text(r, 1)?);
        set(&mut self.stored_hash, text(r, 2)?);
        match names.journal(r.get(3)?)? {
            Some(j) => {
                self.journal_found = true;
                set(&mut self.content.journal, &j.reference);
            }
            None => {
                self.journal_found = false;
                self.content.journal.clear();
            }
        }
        set(&mut self.content.value_date, text(r, 4)?);
        set(&mut self.content.label, text(r, 5)?);
        let tiers = match r.get::<_, Option<i64>>(6)? {
            Some(id) => names.party(id)?.map_or("", |p| p.reference.as_str()),
            None => "",
        };
        set(&mut self.content.tiers, tiers);
        let lease = match r.get::<_, Option<i64>>(7)? {
            Some(id) => names.lease(id)?.map_or("", String::as_str),
            None => "",
        };
        set(&mut self.content.lease, lease);
        self.sealed = r.get(8)?;
        self.edit_open = r.get(9)?;
        self.debit = 0;
        self.credit = 0;
        self.entry_count = 0;
        self.misdated_entries = 0;
        Ok(())
    }
}

/// Quelles écritures `visit_lines` lit.
#[derive(Clone, Copy)]
enum Scope<'a> {
    All,
    Voucher(&'a str),
    Tiers(i64),
}

struct JournalName {
    reference: String,
    label: String,
}

struct AccountName {
    reference: String,
    label: String,
    collective: bool,
}

struct PartyName {
    reference: String,
    name: String,
    kind: Option<ThirdPartyKind>,
}

/// Hachage des identifiants SQLite (entiers) : une multiplication suffit, bien plus
/// rapide que le hachage par défaut pour les millions de recherches du FEC.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.0 = u64::from_ne_bytes(n.to_ne_bytes()).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Fiche par identifiant ; `None` = fiche absente.
type IdMap<T> = std::collections::HashMap<i64, Option<T>, std::hash::BuildHasherDefault<IdHasher>>;

/// Références et libellés des fiches que désignent pièces et écritures, lus une fois
/// chacun (à la première rencontre) et gardés : le grand livre se lit sans jointure par
/// écriture. `None` = fiche absente (comme une jointure qui ne trouve rien).
struct Names<'c> {
    conn: &'c rusqlite::Connection,
    journals: IdMap<JournalName>,
    accounts: IdMap<AccountName>,
    parties: IdMap<PartyName>,
    templates: IdMap<String>,
    leases: IdMap<String>,
    /// Pièce dont l'en-tête est déjà dans la ligne remplie par `fill_line` (les
    /// écritures d'une pièce se suivent : l'en-tête ne se relit qu'une fois).
    header_of: Option<i64>,
}

/// La fiche `id` de `map`, lue par `sql` à la première demande.
fn cached<'m, T>(
    conn: &rusqlite::Connection,
    map: &'m mut IdMap<T>,
    sql: &str,
    id: i64,
    read: impl FnOnce(&rusqlite::Row) -> Result<T>,
) -> Result<Option<&'m T>> {
    let slot = match map.entry(id) {
        std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
        std::collections::hash_map::Entry::Vacant(slot) => {
            let mut stmt = conn.prepare_cached(sql)?;
            let mut rows = stmt.query([id])?;
            let value = match rows.next()? {
                Some(r) => Some(read(r)?),
                None => None,
            };
            slot.insert(value)
        }
    };
    Ok(slot.as_ref())
}

impl<'c> Names<'c> {
    fn new(conn: &'c rusqlite::Connection) -> Self {
        Names {
            conn,
            journals: Default::default(),
            accounts: Default::default(),
            parties: Default::default(),
            templates: Default::default(),
            leases: Default::default(),
            header_of: None,
        }
    }

    fn journal(&mut self, id: i64) -> Result<Option<&JournalName>> {
        cached(
            self.conn,
            &mut self.journals,
            "SELECT reference, label FROM journal WHERE id = ?1",
            id,
            |r| {
                Ok(JournalName {
                    reference: r.get(0)?,
                    label: r.get(1)?,
                })
            },
        )
    }

    fn account(&mut self, id: i64) -> Result<Option<&AccountName>> {
        cached(
            self.conn,
            &mut self.accounts,
            "SELECT reference, label, collective FROM account WHERE id = ?1",
            id,
            |r| {
                Ok(AccountName {
                    reference: r.get(0)?,
                    label: r.get(1)?,
                    collective: r.get(2)?,
                })
            },
        )
    }

    fn party(&mut self, id: i64) -> Result<Option<&PartyName>> {
        cached(
            self.conn,
            &mut self.parties,
            "SELECT reference, coalesce(name, ''), kind FROM third_party WHERE id = ?1",
            id,
            |r| {
                Ok(PartyName {
                    reference: r.get(0)?,
                    name: r.get(1)?,
                    kind: r
                        .get::<_, Option<String>>(2)?
                        .map(|k| col::code("third_party", "kind", &k, ThirdPartyKind::parse))
                        .transpose()?,
                })
            },
        )
    }

    fn template(&mut self, id: i64) -> Result<Option<&String>> {
        cached(
            self.conn,
            &mut self.templates,
            "SELECT reference FROM voucher_template WHERE id = ?1",
            id,
            |r| Ok(r.get(0)?),
        )
    }

    fn lease(&mut self, id: i64) -> Result<Option<&String>> {
        cached(
            self.conn,
            &mut self.leases,
            "SELECT reference FROM lease WHERE id = ?1",
            id,
            |r| Ok(r.get(0)?),
        )
    }

    /// En-tête de pièce de la ligne `r` dans `line` ; faux si son journal n'existe plus.
    fn fill_header(&mut self, r: &rusqlite::Row, line: &mut LedgerLine) -> Result<bool> {
        match self.journal(r.get(1)?)? {
            Some(j) => {
                set(&mut line.journal, &j.reference);
                set(&mut line.journal_label, &j.label);
            }
            None => return Ok(false),
        }
        set(&mut line.number, text(r, 0)?);
        line.value_date = iso_date("voucher", "value_date", text(r, 2)?)?;
        set(&mut line.label, text(r, 3)?);
        let template = match r.get::<_, Option<i64>>(4)? {
            Some(id) => self.template(id)?.map(String::as_str),
            None => None,
        };
        set_opt(&mut line.template, template);
        let voucher_tiers = match r.get::<_, Option<i64>>(5)? {
            Some(id) => self.party(id)?.map(|p| p.reference.as_str()),
            None => None,
        };
        set_opt(&mut line.voucher_tiers, voucher_tiers);
        let lease = match r.get::<_, Option<i64>>(6)? {
            Some(id) => self.lease(id)?.map(String::as_str),
            None => None,
        };
        set_opt(&mut line.lease, lease);
        set(&mut line.reference, text(r, 7)?);
        // Date d'enregistrement : les dix premiers caractères de l'horodatage.
        let created = text(r, 8)?;
        let day = created
            .char_indices()
            .nth(10)
            .map_or(created, |(end, _)| &created[..end]);
        line.recorded_on = iso_date("voucher", "created_at", day)?;
        Ok(true)
    }

    /// Remplit `line` avec une ligne de `line_columns!` (les chaînes de `line` sont
    /// réemployées) ; faux si le journal ou le compte de l'écriture n'existe plus.
    fn fill_line(&mut self, r: &rusqlite::Row, line: &mut LedgerLine) -> Result<bool> {
        let voucher: i64 = r.get(16)?;
        if self.header_of != Some(voucher) {
            self.header_of = None;
            if !self.fill_header(r, line)? {
                return Ok(false);
            }
            self.header_of = Some(voucher);
        }
        match self.account(r.get(10)?)? {
            Some(a) => {
                set(&mut line.account, &a.reference);
                set(&mut line.account_label, &a.label);
                line.account_collective = a.collective;
            }
            None => return Ok(false),
        }
        line.line_no = r.get(9)?;
        let party = match r.get::<_, Option<i64>>(11)? {
            Some(id) => self.party(id)?,
            None => None,
        };
        match party {
            Some(p) => {
                set_opt(&mut line.tiers, Some(&p.reference));
                set(&mut line.tiers_name, &p.name);
                line.tiers_kind = p.kind;
            }
            None => {
                line.tiers = None;
                line.tiers_name.clear();
                line.tiers_kind = None;
            }
        }
        set(&mut line.analytic, text(r, 12)?);
        set(&mut line.entry_label, text(r, 13)?);
        line.debit = from_cents(r.get(14)?);
        line.credit = from_cents(r.get(15)?);
        Ok(true)
    }
}

/// Texte d'une colonne, emprunté à la ligne (sans allocation).
fn text<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Remplace le contenu de `dst` en gardant sa place.
fn set(dst: &mut String, src: &str) {
    dst.clear();
    dst.push_str(src);
}

fn set_opt(dst: &mut Option<String>, src: Option<&str>) {
    match (dst.as_mut(), src) {
        (Some(d), Some(s)) => set(d, s),
        (None, Some(s)) => *dst = Some(s.to_string()),
        (_, None) => *dst = None,
    }
}

/// Date ISO `AAAA-MM-JJ` stockée, lue sans passer par l'analyseur général (le plus
/// courant) ; tout autre texte passe par `col::date`, qui dit s'il est illisible.
fn iso_date(table: &'static str, column: &'static str, text: &str) -> Result<chrono::NaiveDate> {
    fn number(digits: &[u8]) -> Option<u32> {
        digits.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    }
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text.as_bytes() {
        if let (Some(y), Some(m), Some(d)) = (
            number(&[y0, y1, y2, y3]),
            number(&[m0, m1]),
            number(&[d0, d1]),
        ) {
            if let Some(date) = i32::try_from(y)
                .ok()
                .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, m, d))
            {
                return Ok(date);
            }
        }
    }
    col::date(table, column, text)
}

/// Une écriture vide, à remplir par `Names::fill_line`.
fn empty_line() -> LedgerLine {
    LedgerLine {
        number: String::new(),
        journal: String::new(),
        journal_label: String::new(),
        value_date: chrono::NaiveDate::MIN,
        label: String::new(),
        template: None,
        voucher_tiers: None,
        lease: None,
        reference: String::new(),
        recorded_on: chrono::NaiveDate::MIN,
        line_no: 0,
        account: String::new(),
        account_label: String::new(),
        account_collective: false,
        tiers: None,
        tiers_name: String::new(),
        tiers_kind: None,
        analytic: String::new(),
        entry_label: String::new(),
        debit: crate::model::Money::ZERO,
        credit: crate::model::Money::ZERO,
    }
}

impl SqliteRepo<'_> {
    /// Identifiants du journal, du modèle, du tiers et de la location d'une pièce.
    pub(super) fn voucher_links(&self, draft: &VoucherDraft) -> Result<VoucherLinks> {
        Ok((
            self.id_of("journal", "Journal", &draft.journal)?,
            self.opt_id_of(
                "voucher_template",
                "Modèle comptable",
                draft.template.as_deref(),
            )?,
            self.opt_id_of("third_party", "Tiers", draft.tiers.as_deref())?,
            self.opt_id_of("lease", "Location", draft.lease.as_deref())?,
        ))
    }

    /// Écrit les écritures d'une pièce ouverte (l'empreinte est calculée par le grand
    /// livre). Une instruction par groupe de lignes : le trigger d'insertion oblige SQLite
    /// à recopier, à chaque instruction, les pages qu'elle touche (journal d'instruction) ;
    /// les lignes d'une même pièce partagent leurs pages de table et d'index.
    pub(super) fn write_entries(&self, voucher: i64, draft: &VoucherDraft) -> Result<()> {
        let date = col::iso(draft.value_date);
        let mut rows = Vec::with_capacity(draft.entries.len());
        for (i, e) in draft.entries.iter().enumerate() {
            let line = i64::try_from(i + 1).unwrap_or(i64::MAX);
            let account = self.id_of("account", "Compte", &e.account)?;
            let entry_tiers = self.opt_id_of("third_party", "Tiers", e.tiers.as_deref())?;
            let (debit, credit) = (
                col::cents("entry", "debit", e.debit)?,
                col::cents("entry", "credit", e.credit)?,
            );
            rows.push((line, account, entry_tiers, debit, credit));
        }
        let landlord = self.session.landlord_id;
        let lines: Vec<_> = rows.iter().zip(&draft.entries).collect();
        for group in lines.chunks(ENTRIES_PER_INSERT) {
            let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(group.len() * 10);
            for ((line, account, tiers, debit, credit), e) in group {
                values.extend([
                    &landlord as &dyn rusqlite::ToSql,
                    &voucher,
                    line,
                    account,
                    tiers,
                    &e.analytic,
                    &e.label,
                    debit,
                    credit,
                    &date,
                ]);
            }
            self.exec(&entries_insert_sql(group.len()), values.as_slice())?;
        }
        Ok(())
    }

    /// Identifiant et empreinte d'une pièce du bailleur.
    pub(super) fn voucher_id(&self, number: &str) -> Result<(i64, String)> {
        self.conn
            .prepare_cached("SELECT id, hash FROM voucher WHERE landlord_id = ?1 AND number = ?2")?
            .query_row(params![self.session.landlord_id, number], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "Pièce",
                reference: number.to_string(),
            })
    }

    /// Écritures d'une pièce, ou de toutes les pièces jusqu'à `to`.
    pub(super) fn lines_of(
        &self,
        to: Option<chrono::NaiveDate>,
        number: Option<&str>,
    ) -> Result<Vec<LedgerLine>> {
        let scope = number.map_or(Scope::All, Scope::Voucher);
        let mut out = Vec::new();
        self.visit_lines(to, scope, |line| {
            out.push(line.clone());
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    /// Toutes les écritures jusqu'à `to`, dans l'ordre des pièces, prêtées à `visit`.
    pub(super) fn visit_all_lines(
        &self,
        to: Option<chrono::NaiveDate>,
        visit: &mut dyn FnMut(&LedgerLine) -> Result<()>,
    ) -> Result<()> {
        self.visit_lines(to, Scope::All, visit)
    }

    /// Lit les écritures de `scope` : l'en-tête de pièce et l'écriture en SQL (deux
    /// tables), les références et libellés (journal, compte, tiers, modèle, location)
    /// dans des tables en mémoire remplies à la demande. Une écriture dont le journal ou
    /// le compte n'existe plus est omise (comme l'ancienne jointure interne).
    fn visit_lines<E: From<StoreError>>(
        &self,
        to: Option<chrono::NaiveDate>,
        scope: Scope<'_>,
        mut visit: impl FnMut(&LedgerLine) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        // Les pièces dans l'ordre des numéros (index unique), puis leurs écritures dans
        // l'ordre des lignes (index unique) : aucun tri. `CROSS JOIN` garde cet ordre de
        // parcours (sinon SQLite part des écritures et trie tout le grand livre).
        const ALL: &str = concat!(
            line_columns!(),
            " FROM voucher v CROSS JOIN entry e
             WHERE v.landlord_id = ?1 AND v.sealed = 1 AND (?2 IS NULL OR v.value_date <= ?2)
                   AND e.voucher_id = v.id AND e.landlord_id = ?1
             ORDER BY v.number, e.line_no"
        );
        const VOUCHER: &str = concat!(
            line_columns!(),
            " FROM voucher v CROSS JOIN entry e
             WHERE v.landlord_id = ?1 AND v.number = ?3 AND v.sealed = 1
                   AND (?2 IS NULL OR v.value_date <= ?2) AND e.voucher_id = v.id AND e.landlord_id = ?1
             ORDER BY e.line_no"
        );
        // Sans ORDER BY : l'appelant trie les quelques milliers d'écritures du tiers.
        const TIERS: &str = concat!(
            line_columns!(),
            " FROM entry e JOIN voucher v ON v.id = e.voucher_id
             WHERE e.landlord_id = ?1 AND e.account_id IN ",
            landlord_accounts!(),
            " AND e.tiers_id = ?3 AND v.sealed = 1 AND (?2 IS NULL OR v.value_date <= ?2)"
        );
        let to = col::opt_iso(to);
        let landlord = self.session.landlord_id;
        let mut stmt = self
            .conn
            .prepare_cached(match scope {
                Scope::All => ALL,
                Scope::Voucher(_) => VOUCHER,
                Scope::Tiers(_) => TIERS,
            })
            .map_err(StoreError::from)?;
        let mut rows = match scope {
            Scope::All => stmt.query(params![landlord, to]),
            Scope::Voucher(number) => stmt.query(params![landlord, to, number]),
            Scope::Tiers(id) => stmt.query(params![landlord, to, id]),
        }
        .map_err(StoreError::from)?;
        let mut names = Names::new(self.conn);
        let mut line = empty_line();
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            if names.fill_line(r, &mut line)? {
                visit(&line)?;
            }
        }
        Ok(())
    }

    /// Passe chaque pièce du bailleur, par numéro, à `visit`, avec toutes ses écritures,
    /// sans garder les autres en mémoire. Une seule lecture ordonnée des pièces et de
    /// leurs écritures ; le même `VoucherRecord` est réemployé d'une pièce à l'autre.
    pub fn each_voucher_record(
        &self,
        mut visit: impl FnMut(&VoucherRecord) -> Result<()>,
    ) -> Result<()> {
        let landlord = self.session.landlord_id;
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, v.number, v.hash, v.journal_id, v.value_date, v.label, v.tiers_id, v.lease_id,
                    v.sealed, v.edit_open,
                    e.id, e.landlord_id, e.line_no, e.account_id, e.tiers_id, e.analytic, e.debit, e.credit,
                    e.value_date
             FROM voucher v LEFT JOIN entry e ON e.voucher_id = v.id
             WHERE v.landlord_id = ?1 ORDER BY v.number, e.line_no",
        )?;
        let mut rows = stmt.query([landlord])?;
        let mut names = Names::new(self.conn);
        let mut record = VoucherRecord::default();
        let mut current: Option<i64> = None;
        let mut kept = 0usize;
        while let Some(r) = rows.next()? {
            let voucher: i64 = r.get(0)?;
            if current != Some(voucher) {
                if current.is_some() {
                    record.content.entries.truncate(kept);
                    visit(&record)?;
                }
                current = Some(voucher);
                kept = 0;
                record.start(r, &mut names)?;
            }
            if r.get::<_, Option<i64>>(10)?.is_none() {
                continue;
            }
            let (debit, credit): (i64, i64) = (r.get(16)?, r.get(17)?);
            record.entry_count += 1;
            record.debit += i128::from(debit);
            record.credit += i128::from(credit);
            if r.get::<_, i64>(11)? != landlord {
                continue;
            }
            if r.get_ref(18)? != r.get_ref(4)? {
                record.misdated_entries += 1;
            }
            let Some(account) = names.account(r.get(13)?)? else {
                continue;
            };
            let entries = &mut record.content.entries;
            if entries.len() == kept {
                entries.push(Default::default());
            }
            let Some(e) = entries.get_mut(kept) else {
                continue;
            };
            set(&mut e.1, &account.reference);
            let tiers = match r.get::<_, Option<i64>>(14)? {
                Some(id) => names.party(id)?.map_or("", |p| p.reference.as_str()),
                None => "",
            };
            set(&mut e.2, tiers);
            e.0 = r.get(12)?;
            set(&mut e.3, text(r, 15)?);
            e.4 = debit;
            e.5 = credit;
            kept += 1;
        }
        if current.is_some() {
            record.content.entries.truncate(kept);
            visit(&record)?;
        }
        Ok(())
    }

    /// Passe chaque événement du journal des pièces du bailleur, dans l'ordre, avec son
    /// empreinte stockée, sans garder le journal en mémoire.
    pub fn each_ledger_event(
        &self,
        mut visit: impl FnMut(&LedgerEvent, &str) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT number, kind, at, user_login, content_hash, prev_hash, hash FROM ledger_event
             WHERE landlord_id = ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut event = LedgerEvent {
            number: String::new(),
            kind: String::new(),
            at: String::new(),
            user: String::new(),
            content_hash: String::new(),
            prev_hash: String::new(),
        };
        while let Some(r) = rows.next()? {
            set(&mut event.number, text(r, 0)?);
            set(&mut event.kind, text(r, 1)?);
            set(&mut event.at, text(r, 2)?);
            set(&mut event.user, text(r, 3)?);
            set(&mut event.content_hash, text(r, 4)?);
            set(&mut event.prev_hash, text(r, 5)?);
            visit(&event, text(r, 6)?)?;
        }
        Ok(())
    }
}

impl Entries for SqliteRepo<'_> {
    fn voucher_summaries(&self, filter: &VoucherFilter) -> Result<Vec<VoucherSummary>> {
        let mut q = Query::new(
            "SELECT v.number, j.reference, v.value_date, v.label, coalesce(vt.reference, ''),
                    coalesce(p.reference, ''), sum(e.debit), count(e.id)
             FROM voucher v JOIN journal j ON j.id = v.journal_id
                  LEFT JOIN voucher_template vt ON vt.id = v.template_id
                  LEFT JOIN third_party p ON p.id = v.tiers_id
                  JOIN entry e ON e.voucher_id = v.id
             WHERE v.landlord_id = ?1 AND v.sealed = 1",
            self.session.landlord_id,
        );
        if let Some(from) = filter.from {
            q.and(" AND v.value_date >= ?", col::iso(from));
        }
        if let Some(to) = filter.to {
            q.and(" AND v.value_date <= ?", col::iso(to));
        }
        if let Some(journal) = &filter.journal {
            q.and(
                " AND v.journal_id = (SELECT id FROM journal WHERE landlord_id = ?1 AND reference = ?)",
                journal.clone(),
            );
        }
        if let Some(tiers) = &filter.tiers {
            q.and(
                concat!(
                    " AND v.id IN (SELECT te.voucher_id FROM entry te WHERE te.landlord_id = ?1
                     AND te.account_id IN ",
                    landlord_accounts!(),
                    " AND te.tiers_id = (SELECT id FROM third_party WHERE landlord_id = ?1 AND reference = ?))"
                ),
                tiers.clone(),
            );
        }
        q.push(" GROUP BY v.id ORDER BY v.number");
        q.limit(filter.limit);
        let mut stmt = self.conn.prepare_cached(&q.text)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&q.values))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let date: String = r.get(2)?;
            out.push(VoucherSummary {
                number: r.get(0)?,
                journal: r.get(1)?,
                value_date: col::date("voucher", "value_date", &date)?,
                label: r.get(3)?,
                template: r.get(4)?,
                tiers: r.get(5)?,
                amount: from_cents(r.get(6)?),
                lines: usize::try_from(r.get::<_, i64>(7)?).unwrap_or(0),
            });
        }
        Ok(out)
    }

    fn before_voucher_batch(&self, count: usize) -> Result<()> {
        if count > 1 {
            self.remember_all_ids("lease")?;
            self.remember_all_ids("third_party")?;
        }
        Ok(())
    }

    fn set_lock_settings(&self, closing: Option<chrono::NaiveDate>, delay_days: u32) -> Result<()> {
        self.exec(
            "UPDATE landlord SET closing_date = ?2, edit_delay_days = ?3 WHERE id = ?1",
            params![self.session.landlord_id, col::opt_iso(closing), delay_days],
        )?;
        self.audit(
            "verrouillage des saisies",
            "landlord",
            &self.session.landlord_code,
            &format!("{closing:?} / {delay_days} j"),
        )
    }

    fn ledger_lines(&self, to: Option<chrono::NaiveDate>) -> Result<Vec<LedgerLine>> {
        self.lines_of(to, None)
    }

    fn tiers_lines(&self, tiers: &str, to: Option<chrono::NaiveDate>) -> Result<Vec<LedgerLine>> {
        let id: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM third_party WHERE landlord_id = ?1 AND reference = ?2")?
            .query_row(params![self.session.landlord_id, tiers], |r| r.get(0))
            .optional()?;
        let Some(id) = id else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        self.visit_lines(to, Scope::Tiers(id), |line| {
            out.push(line.clone());
            Ok::<(), StoreError>(())
        })?;
        // Lues compte par compte, puis par date : remises dans l'ordre des pièces.
        out.sort_by(|a, b| (&a.number, a.line_no).cmp(&(&b.number, b.line_no)));
        Ok(out)
    }

    fn entry_sums(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<PostedEntry>> {
        /// Cumul de la période dans le même parcours.
        const PERIOD: &str = "SELECT a.reference, t.reference, s.n, s.debit, s.credit, s.n_part, s.debit_part, s.credit_part
             FROM (SELECT account_id, tiers_id, count(*) AS n, sum(debit) AS debit, sum(credit) AS credit,
                          count(*) FILTER (WHERE value_date >= ?2 AND value_date <= ?3) AS n_part,
                          sum(debit) FILTER (WHERE value_date >= ?2 AND value_date <= ?3) AS debit_part,
                          sum(credit) FILTER (WHERE value_date >= ?2 AND value_date <= ?3) AS credit_part
                   FROM entry WHERE landlord_id = ?1 AND value_date <= ?4
                   GROUP BY account_id, tiers_id) s
             JOIN account a ON a.id = s.account_id LEFT JOIN third_party t ON t.id = s.tiers_id";
        /// Cumul de l'antérieur dans le même parcours.
        const BEFORE: &str = "SELECT a.reference, t.reference, s.n, s.debit, s.credit, s.n_part, s.debit_part, s.credit_part
             FROM (SELECT account_id, tiers_id, count(*) AS n, sum(debit) AS debit, sum(credit) AS credit,
                          count(*) FILTER (WHERE value_date < ?2) AS n_part,
                          sum(debit) FILTER (WHERE value_date < ?2) AS debit_part,
                          sum(credit) FILTER (WHERE value_date < ?2) AS credit_part
                   FROM entry WHERE landlord_id = ?1 AND value_date <= ?3
                   GROUP BY account_id, tiers_id) s
             JOIN account a ON a.id = s.account_id LEFT JOIN third_party t ON t.id = s.tiers_id";
        let before = from.pred_opt().unwrap_or(from);
        // Antérieur (< from) et période (from..=to) : tout ce qui est au plus tard ici.
        let bound = before.max(to);
        // Quelle partie est la plus courte ? Les dates extrêmes des pièces (deux lectures
        // de l'index `voucher_date`) suffisent à l'estimer.
        let (first, last): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT (SELECT min(value_date) FROM voucher WHERE landlord_id = ?1),
                    (SELECT max(value_date) FROM voucher WHERE landlord_id = ?1)",
            [self.session.landlord_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let first = first.and_then(|d| crate::model::dates::from_iso(&d));
        let last = last.and_then(|d| crate::model::dates::from_iso(&d));
        let period_is_part = match (first, last) {
            (Some(first), Some(last)) => {
                let before_days = (from - first).num_days().max(0);
                let period_days = (to.min(last) - from).num_days().max(0);
                period_days <= before_days
            }
            _ => true,
        };
        let landlord = self.session.landlord_id;
        let mut stmt = self
            .conn
            .prepare_cached(if period_is_part { PERIOD } else { BEFORE })?;
        let mut rows = if period_is_part {
            stmt.query(params![
                landlord,
                col::iso(from),
                col::iso(to),
                col::iso(bound)
            ])?
        } else {
            stmt.query(params![landlord, col::iso(from), col::iso(bound)])?
        };
        // L'antérieur de chaque (compte, tiers), puis la période, comme auparavant.
        let mut out = Vec::new();
        let mut period = Vec::new();
        while let Some(r) = rows.next()? {
            let account: String = r.get(0)?;
            let tiers: Option<String> = r.get(1)?;
            let total: (i64, i64, i64) = (r.get(2)?, r.get(3)?, r.get(4)?);
            let part: (i64, i64, i64) = (
                r.get(5)?,
                r.get::<_, Option<i64>>(6)?.unwrap_or(0),
                r.get::<_, Option<i64>>(7)?.unwrap_or(0),
            );
            let rest = (total.0 - part.0, total.1 - part.1, total.2 - part.2);
            let (in_period, earlier) = if period_is_part {
                (part, rest)
            } else {
                (rest, part)
            };
            if in_period.0 > 0 {
                period.push(PostedEntry {
                    account: account.clone(),
                    tiers: tiers.clone(),
                    value_date: from,
                    debit: from_cents(in_period.1),
                    credit: from_cents(in_period.2),
                });
            }
            if earlier.0 > 0 {
                out.push(PostedEntry {
                    account,
                    tiers,
                    value_date: before,
                    debit: from_cents(earlier.1),
                    credit: from_cents(earlier.2),
                });
            }
        }
        out.append(&mut period);
        Ok(out)
    }

    fn posted_entries(&self) -> Result<Vec<PostedEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.reference, t.reference, v.value_date, e.debit, e.credit
             FROM entry e JOIN voucher v ON v.id = e.voucher_id JOIN account a ON a.id = e.account_id
                  LEFT JOIN third_party t ON t.id = e.tiers_id
             WHERE e.landlord_id = ?1 AND v.sealed = 1",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(PostedEntry {
                account: r.get(0)?,
                tiers: r.get(1)?,
                value_date: col::date("voucher", "value_date", &r.get::<_, String>(2)?)?,
                debit: from_cents(r.get(3)?),
                credit: from_cents(r.get(4)?),
            });
        }
        Ok(out)
    }

    fn voucher_contents(&self) -> Result<Vec<(String, String, HashInput)>> {
        let mut out = Vec::new();
        self.each_voucher_record(|record| {
            if record.journal_found {
                out.push((
                    record.content.number.clone(),
                    record.stored_hash.clone(),
                    record.content.clone(),
                ));
            }
            Ok(())
        })?;
        Ok(out)
    }

    fn ledger_events(&self) -> Result<Vec<(LedgerEvent, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT number, kind, at, user_login, content_hash, prev_hash, hash FROM ledger_event
             WHERE landlord_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([self.session.landlord_id], |r| {
            Ok((
                LedgerEvent {
                    number: r.get(0)?,
                    kind: r.get(1)?,
                    at: r.get(2)?,
                    user: r.get(3)?,
                    content_hash: r.get(4)?,
                    prev_hash: r.get(5)?,
                },
                r.get(6)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
