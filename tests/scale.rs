//! Lectures du grand livre réécrites pour les grands volumes (situation d'un tiers, FEC,
//! balance, vérification en flux) : elles rendent exactement ce que rendaient les
//! anciennes requêtes et l'ancien contrôle, gardés ici comme références. Aucune mesure de
//! temps : les durées se lisent dans `abri bench`.

mod common;

use std::str::FromStr;

use abri::formats::fec;
use abri::ledger::balance::{trial_balance, PostedEntry};
use abri::ledger::hash::{event_hash, voucher_hash, HashInput, HashedEntry, LedgerEvent};
use abri::ledger::locks;
use abri::ledger::statement::{gestion_accounts, tenant_statement, TenantContext};
use abri::ledger::{post, EntryDraft, LedgerContext, LedgerError, LedgerLine, VoucherDraft};
use abri::model::money::{format_money_plain, from_cents};
use abri::model::{Money, ThirdPartyKind};
use abri::store::{Session, Store, StoreError};
use chrono::NaiveDate;
use common::ymd;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

/// Suite pseudo-aléatoire reproductible (xorshift).
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------
// Références : les implémentations d'avant, recopiées telles quelles.
// ---------------------------------------------------------------------------------

/// L'ancienne lecture des écritures (sept tables, tri SQL).
const OLD_LINES_SQL: &str = "SELECT v.number, j.reference, j.label, v.value_date, v.label, m.reference, vt.reference, l.reference,
        v.reference, substr(v.created_at, 1, 10), e.line_no, a.reference, a.label, t.reference,
        coalesce(t.name, ''), e.analytic, e.label, e.debit, e.credit, a.collective, t.kind
 FROM entry e JOIN voucher v ON v.id = e.voucher_id JOIN journal j ON j.id = v.journal_id
      JOIN account a ON a.id = e.account_id LEFT JOIN third_party t ON t.id = e.tiers_id
      LEFT JOIN voucher_template m ON m.id = v.template_id
      LEFT JOIN third_party vt ON vt.id = v.tiers_id LEFT JOIN lease l ON l.id = v.lease_id
 WHERE e.landlord_id = ?1 AND v.sealed = 1 AND (?2 IS NULL OR v.value_date <= ?2)
       AND (?3 IS NULL OR v.number = ?3)
       AND (?4 IS NULL OR e.tiers_id = (SELECT id FROM third_party WHERE landlord_id = ?1 AND reference = ?4))
 ORDER BY v.number, e.line_no";

fn iso_date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date ISO")
}

fn old_lines(
    store: &Store,
    session: &Session,
    to: Option<NaiveDate>,
    number: Option<&str>,
    tiers: Option<&str>,
) -> Vec<LedgerLine> {
    let mut stmt = store.connection().prepare(OLD_LINES_SQL).expect("requête");
    let to = to.map(|d| d.format("%Y-%m-%d").to_string());
    let rows = stmt
        .query_map(
            rusqlite::params![session.landlord_id, to, number, tiers],
            |r| {
                Ok(LedgerLine {
                    number: r.get(0)?,
                    journal: r.get(1)?,
                    journal_label: r.get(2)?,
                    value_date: iso_date(&r.get::<_, String>(3)?),
                    label: r.get(4)?,
                    template: r.get(5)?,
                    voucher_tiers: r.get(6)?,
                    lease: r.get(7)?,
                    reference: r.get(8)?,
                    recorded_on: iso_date(&r.get::<_, String>(9)?),
                    line_no: r.get(10)?,
                    account: r.get(11)?,
                    account_label: r.get(12)?,
                    tiers: r.get(13)?,
                    tiers_name: r.get(14)?,
                    analytic: r.get(15)?,
                    entry_label: r.get(16)?,
                    debit: from_cents(r.get(17)?),
                    credit: from_cents(r.get(18)?),
                    account_collective: r.get(19)?,
                    tiers_kind: r
                        .get::<_, Option<String>>(20)?
                        .map(|k| ThirdPartyKind::parse(&k).expect("type de tiers")),
                })
            },
        )
        .expect("lecture");
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .expect("écritures")
}

/// L'ancienne ligne du FEC (un `String` par champ).
fn old_fec_line(l: &LedgerLine) -> String {
    fn fec_date(date: NaiveDate) -> String {
        date.format("%Y%m%d").to_string()
    }
    fn field(text: &str) -> String {
        text.replace(['|', '\r', '\n'], " ")
    }
    let label = l.display_label();
    let piece_ref = if l.reference.is_empty() {
        &l.number
    } else {
        &l.reference
    };
    let fields = [
        field(&l.journal),
        field(&l.journal_label),
        l.number.clone(),
        fec_date(l.value_date),
        field(&l.account),
        field(&l.account_label),
        field(l.tiers.as_deref().unwrap_or("")),
        field(if l.tiers.is_some() { &l.tiers_name } else { "" }),
        field(piece_ref),
        fec_date(l.value_date),
        field(label),
        format_money_plain(l.debit),
        format_money_plain(l.credit),
        String::new(),
        String::new(),
        fec_date(l.recorded_on),
        String::new(),
        String::new(),
    ];
    format!("{}\r\n", fields.join("|"))
}

fn old_hex(digest: impl AsRef<[u8]>) -> String {
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

fn old_voucher_hash(input: &HashInput) -> String {
    let mut h = Sha256::new();
    for field in [
        &input.number,
        &input.journal,
        &input.value_date,
        &input.label,
        &input.tiers,
        &input.lease,
    ] {
        h.update(field.as_bytes());
        h.update([0x1f]);
    }
    for (line, account, tiers, analytic, debit, credit) in &input.entries {
        h.update(
            format!("{line}\u{1f}{account}\u{1f}{tiers}\u{1f}{analytic}\u{1f}{debit}\u{1f}{credit}\u{1e}")
                .as_bytes(),
        );
    }
    old_hex(h.finalize())
}

fn old_event_hash(event: &LedgerEvent) -> String {
    let mut h = Sha256::new();
    for field in [
        &event.prev_hash,
        &event.number,
        &event.kind,
        &event.at,
        &event.user,
        &event.content_hash,
    ] {
        h.update(field.as_bytes());
        h.update([0x1f]);
    }
    old_hex(h.finalize())
}

/// L'ancien cumul de la balance (deux agrégats réunis).
fn old_entry_sums(
    store: &Store,
    session: &Session,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<PostedEntry> {
    let before = from.pred_opt().unwrap_or(from);
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT a.reference, t.reference, s.in_period, s.debit, s.credit
             FROM (SELECT account_id, tiers_id, 0 AS in_period, sum(debit) AS debit, sum(credit) AS credit
                   FROM entry WHERE landlord_id = ?1 AND value_date < ?2
                   GROUP BY account_id, tiers_id
                   UNION ALL
                   SELECT account_id, tiers_id, 1, sum(debit), sum(credit)
                   FROM entry WHERE landlord_id = ?1 AND value_date >= ?2 AND value_date <= ?3
                   GROUP BY account_id, tiers_id) s
             JOIN account a ON a.id = s.account_id LEFT JOIN third_party t ON t.id = s.tiers_id",
        )
        .expect("requête");
    let rows = stmt
        .query_map(
            rusqlite::params![session.landlord_id, iso(from), iso(to)],
            |r| {
                Ok(PostedEntry {
                    account: r.get(0)?,
                    tiers: r.get(1)?,
                    value_date: if r.get::<_, bool>(2)? { from } else { before },
                    debit: from_cents(r.get(3)?),
                    credit: from_cents(r.get(4)?),
                })
            },
        )
        .expect("cumuls");
    rows.collect::<rusqlite::Result<Vec<_>>>().expect("cumuls")
}

/// L'ancien contrôle des pièces d'un bailleur (tout en mémoire), sans le préfixe
/// « bailleur X : ».
fn old_verify_vouchers(store: &Store, session: &Session) -> Vec<String> {
    let conn = store.connection();
    let landlord = session.landlord_id;
    let mut problems = Vec::new();
    let mut stmt = conn
        .prepare(
            "SELECT v.number, v.sealed, v.edit_open, coalesce(sum(e.debit), 0), coalesce(sum(e.credit), 0), count(e.id)
             FROM voucher v LEFT JOIN entry e ON e.voucher_id = v.id WHERE v.landlord_id = ?1 GROUP BY v.id ORDER BY v.number",
        )
        .expect("requête");
    let rows = stmt
        .query_map([landlord], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })
        .expect("pièces");
    for row in rows {
        let (number, sealed, open, debit, credit, count) = row.expect("pièce");
        if !sealed || open {
            problems.push(format!(
                "pièce {number} : jamais scellée (enregistrement interrompu)"
            ));
        }
        if debit != credit || count == 0 {
            problems.push(format!("pièce {number} : déséquilibrée (débit {debit} c, crédit {credit} c, {count} écriture(s))"));
        }
    }
    let copies: i64 = conn
        .query_row(
            "SELECT count(*) FROM entry e JOIN voucher v ON v.id = e.voucher_id
             WHERE e.landlord_id = ?1 AND e.value_date IS NOT v.value_date",
            [landlord],
            |r| r.get(0),
        )
        .expect("dates");
    if copies > 0 {
        problems.push(format!(
            "{copies} écriture(s) ne portent pas la date de valeur de leur pièce"
        ));
    }
    let events: Vec<(LedgerEvent, String)> = {
        let mut stmt = conn
            .prepare(
                "SELECT number, kind, at, user_login, content_hash, prev_hash, hash FROM ledger_event
                 WHERE landlord_id = ?1 ORDER BY id",
            )
            .expect("requête");
        let rows = stmt
            .query_map([landlord], |r| {
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
            })
            .expect("journal");
        rows.collect::<rusqlite::Result<Vec<_>>>().expect("journal")
    };
    let mut last: std::collections::BTreeMap<&str, &LedgerEvent> = Default::default();
    let mut prev_hash = String::new();
    let mut chain_broken = false;
    for (event, stored) in &events {
        if !chain_broken && (event.prev_hash != prev_hash || old_event_hash(event) != *stored) {
            problems.push(format!(
                "journal des pièces : l'événement « {} » de la pièce {} du {} a été modifié ou retiré hors d'Abri (première rupture de la chaîne)",
                event.kind, event.number, event.at
            ));
            chain_broken = true;
        }
        prev_hash = stored.clone();
        last.insert(event.number.as_str(), event);
    }
    let mut previous: Option<(&str, u32)> = None;
    for number in last.keys() {
        let (year, seq) = (
            number.get(..4).unwrap_or(""),
            number
                .get(4..)
                .and_then(|s| s.parse::<u32>().ok())
                .unwrap_or(0),
        );
        let expected = match previous {
            Some((y, s)) if y == year => s + 1,
            _ => 1,
        };
        if seq != expected {
            problems.push(format!(
                "pièce {number} : numérotation interrompue (attendu {year}{expected:06})"
            ));
        }
        previous = Some((year, seq));
    }
    let contents = old_voucher_contents(store, session);
    for (number, stored, input) in &contents {
        if old_voucher_hash(input) != *stored {
            problems.push(format!("pièce {number} : empreinte invalide — la pièce ou ses écritures ont été modifiées hors d'Abri"));
            continue;
        }
        match last.get(number.as_str()) {
            Some(e) if e.kind != "suppression" && e.content_hash == *stored => {}
            Some(e) if e.kind == "suppression" => problems.push(format!(
                "pièce {number} : supprimée au journal des pièces mais encore présente"
            )),
            _ => problems.push(format!(
                "pièce {number} : ne correspond pas au journal des pièces — elle a été créée ou modifiée hors d'Abri"
            )),
        }
    }
    let present: std::collections::HashSet<&str> =
        contents.iter().map(|(n, _, _)| n.as_str()).collect();
    for (number, event) in &last {
        if event.kind != "suppression" && !present.contains(number) {
            problems.push(format!(
                "pièce {number} : disparue hors d'Abri (aucune suppression au journal des pièces)"
            ));
        }
    }
    problems
}

/// L'ancien `voucher_contents` (tout le contenu en mémoire).
fn old_voucher_contents(store: &Store, session: &Session) -> Vec<(String, String, HashInput)> {
    let conn = store.connection();
    let mut entries: std::collections::HashMap<i64, Vec<HashedEntry>> = Default::default();
    {
        let mut stmt = conn
            .prepare(
                "SELECT e.voucher_id, e.line_no, a.reference, coalesce(t.reference, ''), e.analytic, e.debit, e.credit
                 FROM entry e JOIN account a ON a.id = e.account_id LEFT JOIN third_party t ON t.id = e.tiers_id
                 WHERE e.landlord_id = ?1 ORDER BY e.voucher_id, e.line_no",
            )
            .expect("requête");
        let mut rows = stmt.query([session.landlord_id]).expect("écritures");
        while let Some(r) = rows.next().expect("écriture") {
            entries.entry(r.get(0).expect("pièce")).or_default().push((
                r.get(1).expect("ligne"),
                r.get(2).expect("compte"),
                r.get(3).expect("tiers"),
                r.get(4).expect("analytique"),
                r.get(5).expect("débit"),
                r.get(6).expect("crédit"),
            ));
        }
    }
    let mut stmt = conn
        .prepare(
            "SELECT v.id, v.number, v.hash, j.reference, v.value_date, v.label, coalesce(t.reference, ''),
                    coalesce(l.reference, '')
             FROM voucher v JOIN journal j ON j.id = v.journal_id LEFT JOIN third_party t ON t.id = v.tiers_id
                  LEFT JOIN lease l ON l.id = v.lease_id
             WHERE v.landlord_id = ?1 ORDER BY v.number",
        )
        .expect("requête");
    let mut rows = stmt.query([session.landlord_id]).expect("pièces");
    let mut out = Vec::new();
    while let Some(r) = rows.next().expect("pièce") {
        let id: i64 = r.get(0).expect("id");
        out.push((
            r.get(1).expect("numéro"),
            r.get(2).expect("empreinte"),
            HashInput {
                number: r.get(1).expect("numéro"),
                journal: r.get(3).expect("journal"),
                value_date: r.get(4).expect("date"),
                label: r.get(5).expect("libellé"),
                tiers: r.get(6).expect("tiers"),
                lease: r.get(7).expect("location"),
                entries: entries.remove(&id).unwrap_or_default(),
            },
        ));
    }
    out
}

// ---------------------------------------------------------------------------------
// Un grand livre aléatoire reproductible.
// ---------------------------------------------------------------------------------

fn entry(
    account: &str,
    tiers: Option<&str>,
    analytic: &str,
    label: &str,
    debit: Money,
    credit: Money,
) -> EntryDraft {
    EntryDraft {
        account: account.into(),
        tiers: tiers.map(str::to_string),
        analytic: analytic.into(),
        label: label.into(),
        debit,
        credit,
    }
}

const LABELS: [&str; 5] = [
    "",
    "Loyer | charges",
    "Régularisation\r\nannuelle",
    "Règlement « chèque »",
    "Avoir n°12",
];

/// Une pièce valide au hasard : avis (VEN), règlement (BQ, parfois d'un organisme pour
/// deux locataires) ou opération sans tiers (BQ / 703).
fn random_voucher(
    rng: &mut Seeded,
    tenants: &[(String, Option<String>)],
    date: NaiveDate,
) -> VoucherDraft {
    let (tenant, lease) = rng.pick(tenants).clone();
    let amount = Money::new(i64::try_from(rng.below(250_000)).unwrap_or(0) + 1, 2);
    let label = (*rng.pick(&LABELS)).to_string();
    let entry_label = (*rng.pick(&LABELS)).to_string();
    let kind = rng.below(4);
    let (journal, tiers, lease, entries) = match kind {
        0 => (
            "VEN",
            Some(tenant.clone()),
            lease,
            vec![
                entry(
                    "411000000",
                    Some(&tenant),
                    "",
                    &entry_label,
                    amount,
                    Money::ZERO,
                ),
                entry("703000000", None, "IMM01", "", Money::ZERO, amount),
            ],
        ),
        1 => (
            "BQ",
            Some(tenant.clone()),
            lease,
            vec![
                entry("512000000", None, "", "", amount, Money::ZERO),
                entry(
                    "411000000",
                    Some(&tenant),
                    "",
                    &entry_label,
                    Money::ZERO,
                    amount,
                ),
            ],
        ),
        2 => {
            // Un organisme paie pour deux locataires : la pièce porte l'organisme.
            let (other, _) = rng.pick(tenants).clone();
            let half = Money::new(i64::try_from(rng.below(50_000)).unwrap_or(0) + 1, 2);
            (
                "BQ",
                Some("CAF75".to_string()),
                None,
                vec![
                    entry("512000000", None, "", "", amount + half, Money::ZERO),
                    entry("411000000", Some(&tenant), "", "", Money::ZERO, amount),
                    entry("411000000", Some(&other), "", "", Money::ZERO, half),
                ],
            )
        }
        _ => (
            "BQ",
            None,
            None,
            vec![
                entry("512000000", None, "", &entry_label, amount, Money::ZERO),
                entry("703000000", None, "IMM01", "", Money::ZERO, amount),
            ],
        ),
    };
    VoucherDraft {
        journal: journal.into(),
        value_date: date,
        label,
        template: None,
        tiers,
        lease,
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: if rng.below(3) == 0 {
            format!("REF|{}", rng.below(1000))
        } else {
            String::new()
        },
        origin: "saisie".into(),
        entries,
    }
}

/// La démonstration avec son année d'avis et de règlements, puis `n` pièces au hasard en
/// 2027 et 2028, quelques-unes modifiées et supprimées.
fn seeded_ledger(n: usize, seed: u64) -> (Store, Session) {
    let mut store = Store::open_in_memory().expect("base");
    let session = abri::treatments::demo::create_demo_with(&mut store, "test", true).expect("démo");
    let repo = store.read(&session);
    let leases = repo.leases().expect("locations");
    let tenants: Vec<(String, Option<String>)> = repo
        .tenants()
        .expect("locataires")
        .into_iter()
        .map(|t| {
            let lease = leases
                .iter()
                .filter(|l| l.tenant == t.reference && !l.locked && l.start_date <= ymd(2027, 1, 1))
                .map(|l| l.reference.clone())
                .next();
            (t.reference, lease)
        })
        .collect();
    let mut rng = Seeded(seed);
    let numbers = store
        .write(&session, "test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            let mut numbers = Vec::new();
            for i in 0..n {
                let day = u64::try_from(i * 600 / n.max(1)).unwrap_or(0);
                let date = ymd(2027, 1, 1) + chrono::Days::new(day);
                numbers.push(post(repo, &ctx, &random_voucher(&mut rng, &tenants, date))?);
            }
            Ok::<_, LedgerError>(numbers)
        })
        .expect("pièces");
    store
        .write(&session, "test", |repo| {
            // par la seule porte des pièces : le grand livre (autorisation d'édition
            // ponctuelle, puis modification ou suppression)
            let ctx = LedgerContext::load(repo)?;
            for (k, number) in numbers.iter().enumerate() {
                let date = ymd(2027, 6, 1) + chrono::Days::new(u64::try_from(k).unwrap_or(0));
                match k % 17 {
                    3 => {
                        let draft = random_voucher(&mut rng, &tenants, date);
                        locks::allow_edit(repo, number)?;
                        locks::modify(repo, &ctx, number, &draft, date)?;
                    }
                    7 => {
                        locks::allow_edit(repo, number)?;
                        locks::delete(repo, number, date)?;
                    }
                    _ => {}
                }
            }
            Ok::<_, locks::LockError>(())
        })
        .expect("modifications");
    (store, session)
}

fn tiers_refs(store: &Store, session: &Session) -> Vec<String> {
    store
        .read(session)
        .third_parties()
        .expect("tiers")
        .into_iter()
        .map(|t| t.reference)
        .collect()
}

// ---------------------------------------------------------------------------------
// Les tests.
// ---------------------------------------------------------------------------------

#[test]
fn the_lean_tiers_query_returns_the_same_lines_as_the_seven_table_join() {
    let (store, session) = seeded_ledger(400, 0x5ca1_ab1e);
    let repo = store.read(&session);
    let mut checked = 0;
    for tiers in tiers_refs(&store, &session)
        .iter()
        .map(String::as_str)
        .chain(["INCONNU"])
    {
        for to in [None, Some(ymd(2026, 6, 30)), Some(ymd(2027, 9, 30))] {
            let new = repo.tiers_lines(tiers, to).expect("écritures du tiers");
            let old = old_lines(&store, &session, to, None, Some(tiers));
            assert_eq!(new, old, "tiers {tiers}, jusqu'au {to:?}");
            checked += new.len();
        }
    }
    assert!(checked > 1000, "{checked} lignes comparées");
}

#[test]
fn the_tenant_statement_is_unchanged() {
    let (store, session) = seeded_ledger(300, 0xfeed);
    let repo = store.read(&session);
    let leases = repo.leases().expect("locations");
    for with_deposits in [false, true] {
        let accounts = gestion_accounts(&repo.accounts().expect("comptes"), with_deposits);
        for tiers in ["LOC001", "LOC002", "LOC010"] {
            let own: Vec<(String, String, NaiveDate)> = leases
                .iter()
                .filter(|l| l.tenant == tiers)
                .map(|l| (l.reference.clone(), l.unit.clone(), l.start_date))
                .collect();
            let ctx = TenantContext {
                gestion_accounts: &accounts,
                leases: &own,
            };
            let (from, to) = (ymd(2026, 3, 1), ymd(2027, 12, 31));
            let new = tenant_statement(
                &repo.tiers_lines(tiers, Some(to)).expect("lignes"),
                tiers,
                &ctx,
                from,
                to,
            );
            let old = tenant_statement(
                &old_lines(&store, &session, Some(to), None, None),
                tiers,
                &ctx,
                from,
                to,
            );
            assert_eq!(new, old, "{tiers}");
            assert!(!new.lines.is_empty(), "{tiers}");
            // Le solde par compte est la somme des écritures.
            let total: Money = new
                .lines
                .iter()
                .map(|l| l.entry.debit - l.entry.credit)
                .sum();
            assert_eq!(new.closing(), new.opening + total, "{tiers}");
        }
    }
}

#[test]
fn the_ledger_lines_and_the_streamed_lines_are_the_old_ones_in_voucher_order() {
    let (store, session) = seeded_ledger(300, 0xabcdef);
    let repo = store.read(&session);
    for to in [None, Some(ymd(2026, 1, 31)), Some(ymd(2027, 12, 31))] {
        let old = old_lines(&store, &session, to, None, None);
        assert_eq!(repo.ledger_lines(to).expect("écritures"), old, "{to:?}");
        let mut owned = Vec::new();
        repo.each_ledger_line(to, |l| {
            owned.push(l);
            Ok::<(), StoreError>(())
        })
        .expect("flux");
        assert_eq!(owned, old, "{to:?}");
        let mut borrowed = Vec::new();
        repo.each_ledger_line_ref(to, |l| {
            borrowed.push(l.clone());
            Ok::<(), StoreError>(())
        })
        .expect("flux prêté");
        assert_eq!(borrowed, old, "{to:?}");
    }
    // Une pièce seule (relue pour être modifiée).
    let numbers: Vec<String> = {
        let mut n: Vec<String> = old_lines(&store, &session, None, None, None)
            .into_iter()
            .map(|l| l.number)
            .collect();
        n.dedup();
        n
    };
    for number in numbers.iter().step_by(7) {
        let stored = repo.voucher(number).expect("pièce").expect("présente");
        let old = old_lines(&store, &session, None, Some(number), None);
        let entries: Vec<EntryDraft> = old.iter().map(LedgerLine::entry).collect();
        assert_eq!(stored.draft.entries, entries, "{number}");
        assert_eq!(stored.draft.label, old[0].label, "{number}");
        assert_eq!(stored.draft.lease, old[0].lease, "{number}");
        assert_eq!(stored.draft.tiers, old[0].voucher_tiers, "{number}");
    }
    assert!(repo.voucher("2099000001").expect("lecture").is_none());
}

#[test]
fn the_fec_lines_are_byte_identical_to_the_old_ones() {
    let (store, session) = seeded_ledger(200, 0x00fe_c000);
    let lines = store.read(&session).ledger_lines(None).expect("écritures");
    assert!(lines.iter().any(|l| l.tiers.is_some()));
    for l in &lines {
        assert_eq!(fec::line(l), old_fec_line(l));
    }
    let mut expected = fec::header();
    for l in &lines {
        expected.push_str(&old_fec_line(l));
    }
    assert_eq!(fec::write(&lines), expected);
    let mut buffer = String::new();
    for l in &lines {
        buffer.clear();
        fec::push_line(&mut buffer, l);
        assert_eq!(buffer, old_fec_line(l));
    }

    // Montants et dates hors du commun : échelles, arrondis, négatifs, grands nombres.
    let mut l = lines[0].clone();
    let mut rng = Seeded(42);
    let mut amounts: Vec<Decimal> = [
        "0",
        "-0",
        "0.001",
        "-0.004",
        "0.005",
        "-0.005",
        "1",
        "-1",
        "12.5",
        "-12.345",
        "99.995",
        "1234567.891",
        "0.0000001",
        "-0.0000000",
        "79228162514264337593543950335",
        "-7922816251426433759354395033.5",
        "123456789012345678.90",
    ]
    .iter()
    .map(|s| Decimal::from_str(s).expect("montant"))
    .collect();
    for _ in 0..2000 {
        let mantissa =
            i64::try_from(rng.next() % 2_000_000_000_000).unwrap_or(0) - 1_000_000_000_000;
        let scale = u32::try_from(rng.below(7)).unwrap_or(0);
        amounts.push(Decimal::new(mantissa, scale));
    }
    for (i, amount) in amounts.iter().enumerate() {
        l.debit = *amount;
        l.credit = -*amount;
        l.value_date = ymd(
            1 + i32::try_from(i % 9999).unwrap_or(0),
            1 + u32::try_from(i % 12).unwrap_or(0),
            1 + u32::try_from(i % 28).unwrap_or(0),
        );
        assert_eq!(fec::line(&l), old_fec_line(&l), "{amount}");
    }
    for date in [
        ymd(10_000, 1, 1),
        ymd(-5, 12, 31),
        ymd(0, 2, 29),
        ymd(9999, 12, 31),
    ] {
        l.value_date = date;
        l.recorded_on = date;
        assert_eq!(fec::line(&l), old_fec_line(&l), "{date}");
    }
    l.tiers = None;
    l.tiers_name = "ignoré|".into();
    l.reference = "a|b\nc\rd".into();
    l.entry_label = "|".into();
    l.journal_label = "\r\n".into();
    assert_eq!(fec::line(&l), old_fec_line(&l));
}

#[test]
fn the_hashes_are_byte_identical_to_the_old_ones() {
    let mut rng = Seeded(7);
    let words = [
        "",
        "a",
        "é|è",
        "\u{1f}",
        "\u{1e}x",
        "411000000",
        "LOC001",
        "2026-01-31",
    ];
    for _ in 0..300 {
        let mut w = || (*rng.pick(&words)).to_string();
        let input = HashInput {
            number: w(),
            journal: w(),
            value_date: w(),
            label: w(),
            tiers: w(),
            lease: w(),
            entries: Vec::new(),
        };
        let mut input = input;
        for k in 0..rng.below(5) {
            let e = (
                i64::try_from(k).unwrap_or(0) + 1,
                (*rng.pick(&words)).to_string(),
                (*rng.pick(&words)).to_string(),
                (*rng.pick(&words)).to_string(),
                i64::try_from(rng.next() % 1_000_000).unwrap_or(0) - 1000,
                i64::MAX - i64::try_from(rng.below(3)).unwrap_or(0),
            );
            input.entries.push(e);
        }
        assert_eq!(voucher_hash(&input), old_voucher_hash(&input));
        let event = LedgerEvent {
            number: input.number.clone(),
            kind: input.journal.clone(),
            at: input.value_date.clone(),
            user: input.label.clone(),
            content_hash: voucher_hash(&input),
            prev_hash: input.tiers.clone(),
        };
        assert_eq!(event_hash(&event), old_event_hash(&event));
    }
    // Une valeur connue : les bases existantes doivent toujours se vérifier.
    let known = HashInput {
        number: "2026000001".into(),
        journal: "BQ".into(),
        value_date: "2026-03-05".into(),
        label: "Règl. MARTIN".into(),
        tiers: "LOC001".into(),
        lease: "BAIL001".into(),
        entries: vec![
            (
                1,
                "512000000".into(),
                String::new(),
                String::new(),
                10000,
                0,
            ),
            (
                2,
                "411000000".into(),
                "LOC001".into(),
                String::new(),
                0,
                10000,
            ),
        ],
    };
    assert_eq!(voucher_hash(&known), old_voucher_hash(&known));
    // Et les empreintes enregistrées d'un vrai grand livre se recalculent à l'identique.
    let (store, session) = seeded_ledger(50, 3);
    let contents = store.read(&session).voucher_contents().expect("contenus");
    assert_eq!(contents, old_voucher_contents(&store, &session));
    for (_, stored, input) in &contents {
        assert_eq!(&voucher_hash(input), stored);
    }
}

#[test]
fn the_one_pass_balance_sums_are_the_two_pass_ones() {
    let (store, session) = seeded_ledger(300, 99);
    let repo = store.read(&session);
    let entries = repo.posted_entries().expect("écritures");
    let key = |e: &PostedEntry| {
        (
            e.account.clone(),
            e.tiers.clone(),
            e.value_date,
            e.debit,
            e.credit,
        )
    };
    for (from, to) in [
        (ymd(2026, 1, 1), ymd(2026, 12, 31)),
        (ymd(2027, 1, 1), ymd(2027, 12, 31)),
        (ymd(2026, 2, 1), ymd(2026, 2, 5)),
        (ymd(2020, 1, 1), ymd(2030, 12, 31)),
        (ymd(2030, 1, 1), ymd(2030, 12, 31)),
        (ymd(2027, 6, 1), ymd(2026, 6, 1)),
        (ymd(2026, 6, 1), ymd(2026, 5, 31)),
        (ymd(2028, 6, 1), ymd(2028, 12, 31)),
        (ymd(2026, 11, 15), ymd(2027, 2, 15)),
        (ymd(2000, 1, 1), ymd(2026, 6, 30)),
        (ymd(2027, 3, 1), ymd(2040, 1, 1)),
    ] {
        let new = repo.entry_sums(from, to).expect("cumuls");
        let mut old = old_entry_sums(&store, &session, from, to);
        let mut sorted = new.clone();
        sorted.sort_by_key(key);
        old.sort_by_key(key);
        assert_eq!(sorted, old, "{from} {to}");
        // Une période à l'envers n'a pas de sens pour la balance (les cumuls, eux, restent
        // ceux d'avant).
        if from > to {
            continue;
        }
        for by_party in [false, true] {
            assert_eq!(
                trial_balance(&new, from, to, by_party),
                trial_balance(&entries, from, to, by_party),
                "{from} {to} {by_party}"
            );
        }
    }
}

#[test]
fn the_tiers_balances_read_through_the_tiers_index_are_the_old_ones() {
    let (store, session) = seeded_ledger(300, 0xba1a);
    let repo = store.read(&session);
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT a.reference, t.reference, sum(e.debit) - sum(e.credit)
             FROM entry e JOIN voucher v ON v.id = e.voucher_id JOIN account a ON a.id = e.account_id
                  JOIN third_party t ON t.id = e.tiers_id
             WHERE e.landlord_id = ?1 AND v.sealed = 1 AND t.reference = ?2 AND v.value_date <= ?3
             GROUP BY a.reference, t.reference",
        )
        .expect("requête");
    let refs = tiers_refs(&store, &session);
    let mut seen = 0;
    for at in [ymd(2026, 1, 31), ymd(2026, 12, 31), ymd(2028, 12, 31)] {
        for who in refs.iter().map(String::as_str).chain(["INCONNU"]) {
            let mut old = std::collections::BTreeMap::new();
            let mut rows = stmt
                .query(rusqlite::params![
                    session.landlord_id,
                    who,
                    at.format("%Y-%m-%d").to_string()
                ])
                .expect("soldes");
            while let Some(r) = rows.next().expect("solde") {
                old.insert(
                    (
                        r.get::<_, String>(0).expect("compte"),
                        r.get::<_, String>(1).expect("tiers"),
                    ),
                    from_cents(r.get(2).expect("montant")),
                );
            }
            let new = repo.tiers_balances(&[who], at).expect("soldes");
            assert_eq!(new, old, "{who} {at}");
            seen += new.len();
        }
        let all: Vec<&str> = refs.iter().map(String::as_str).collect();
        let together = repo.tiers_balances(&all, at).expect("soldes");
        assert_eq!(together.len(), {
            let mut n = 0;
            for who in &all {
                n += repo.tiers_balances(&[who], at).expect("soldes").len();
            }
            n
        });
    }
    assert!(seen > 50, "{seen}");
}

// ---------------------------------------------------------------------------------
// La vérification en flux voit toutes les falsifications, comme l'ancienne.
// ---------------------------------------------------------------------------------

/// Ce que `verifier` dit des pièces : les problèmes préfixés par un bailleur.
fn landlord_problems(store: &Store) -> Vec<String> {
    store
        .verify()
        .expect("vérification")
        .into_iter()
        .filter(|p| p.starts_with("bailleur "))
        .collect()
}

/// Ce que l'ancien contrôle aurait dit, bailleur par bailleur.
fn old_problems(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for (code, _) in store.landlords().expect("bailleurs") {
        let session = store.session(Some(&code), "test").expect("session");
        out.extend(
            old_verify_vouchers(store, &session)
                .into_iter()
                .map(|p| format!("bailleur {code} : {p}")),
        );
    }
    out
}

/// Un petit grand livre : règlements de LOC001 en mars 2026.
fn small_ledger() -> (Store, Session) {
    let (mut store, session) = common::demo_without_vouchers();
    store
        .write(&session, "test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            for day in 1..=9 {
                let amount = Money::new(10_000 * i64::from(day), 2);
                post(
                    repo,
                    &ctx,
                    &VoucherDraft {
                        journal: "BQ".into(),
                        value_date: ymd(2026, 3, day),
                        label: "Règl. MARTIN".into(),
                        template: None,
                        tiers: Some("LOC001".into()),
                        lease: Some("BAIL001".into()),
                        analytic: String::new(),
                        payment_mode: None,
                        payment_date: None,
                        batch_no: String::new(),
                        reference: String::new(),
                        origin: "saisie".into(),
                        entries: vec![
                            entry("512000000", None, "", "", amount, Money::ZERO),
                            entry("411000000", Some("LOC001"), "", "", Money::ZERO, amount),
                        ],
                    },
                )?;
            }
            Ok::<(), LedgerError>(())
        })
        .expect("pièces");
    (store, session)
}

/// Un événement correctement chaîné au dernier du bailleur, ajouté hors d'Abri.
fn forge_event(store: &Store, session: &Session, number: &str, kind: &str, content_hash: &str) {
    let conn = store.connection();
    let prev_hash: String = conn
        .query_row(
            "SELECT hash FROM ledger_event WHERE landlord_id = ?1 ORDER BY id DESC LIMIT 1",
            [session.landlord_id],
            |r| r.get(0),
        )
        .expect("dernier événement");
    let event = LedgerEvent {
        number: number.into(),
        kind: kind.into(),
        at: "2026-03-20T10:00:00".into(),
        user: "intrus".into(),
        content_hash: content_hash.into(),
        prev_hash,
    };
    conn.execute(
        "INSERT INTO ledger_event (landlord_id, number, kind, at, user_login, content_hash, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            session.landlord_id,
            event.number,
            event.kind,
            event.at,
            event.user,
            event.content_hash,
            event.prev_hash,
            event_hash(&event)
        ],
    )
    .expect("événement forgé");
}

/// Chaque falsification : (nom, SQL ou action, ce que l'on doit lire).
#[test]
fn streaming_verify_sees_each_kind_of_tampering_like_the_old_one() {
    const OPEN: &str = "DROP TRIGGER entry_only_on_open_voucher_update;
         DROP TRIGGER entry_only_on_open_voucher_delete;
         DROP TRIGGER entry_only_on_open_voucher_insert;
         DROP TRIGGER voucher_sealed_delete;
         DROP TRIGGER voucher_no_unseal;
         DROP TRIGGER voucher_seal_balanced;
         DROP TRIGGER ledger_event_no_update;
         DROP TRIGGER ledger_event_no_delete;";
    type Tamper = fn(&Store, &Session);
    let cases: Vec<(&str, Tamper, &str)> = vec![
        ("intacte", |_, _| {}, ""),
        (
            "montants changés",
            |s, _| {
                s.connection()
                    .execute_batch(
                        "UPDATE entry SET debit = 25000 WHERE voucher_id = 2 AND debit > 0;
                         UPDATE entry SET credit = 25000 WHERE voucher_id = 2 AND credit > 0;",
                    )
                    .expect("falsification");
            },
            "pièce 2026000002 : empreinte invalide",
        ),
        (
            "empreinte refaite",
            |s, session| {
                let contents = s.read(session).voucher_contents().expect("contenus");
                let (_, _, input) = contents
                    .iter()
                    .find(|(n, _, _)| n == "2026000003")
                    .expect("pièce 3");
                let mut input = input.clone();
                input.label = "autre".into();
                s.connection()
                    .execute_batch(&format!(
                        "UPDATE voucher SET label = 'autre', hash = '{}' WHERE number = '2026000003'",
                        voucher_hash(&input)
                    ))
                    .expect("falsification");
            },
            "pièce 2026000003 : ne correspond pas au journal des pièces",
        ),
        (
            "événement réécrit",
            |s, _| {
                s.connection()
                    .execute_batch(
                        "UPDATE ledger_event SET content_hash = 'x' WHERE number = '2026000004'",
                    )
                    .expect("falsification");
            },
            "journal des pièces : l'événement « creation » de la pièce 2026000004",
        ),
        (
            "pièce effacée",
            |s, _| {
                s.connection()
                    .execute_batch(
                        "DELETE FROM entry WHERE voucher_id = 5; DELETE FROM voucher WHERE id = 5;",
                    )
                    .expect("falsification");
            },
            "pièce 2026000005 : disparue hors d'Abri",
        ),
        (
            "dernière pièce effacée",
            |s, _| {
                s.connection()
                    .execute_batch(
                        "DELETE FROM entry WHERE voucher_id = 9; DELETE FROM voucher WHERE id = 9;",
                    )
                    .expect("falsification");
            },
            "pièce 2026000009 : disparue hors d'Abri",
        ),
        (
            "pièce ajoutée",
            |s, session| {
                s.connection()
                    .execute_batch(&format!(
                        "INSERT INTO voucher (id, landlord_id, number, journal_id, value_date, label, created_at, created_by, sealed, hash)
                         SELECT 100, landlord_id, '2026000012', journal_id, value_date, label, created_at, created_by, 0, hash
                         FROM voucher WHERE id = 1 AND landlord_id = {};
                         INSERT INTO entry (landlord_id, voucher_id, line_no, account_id, tiers_id, analytic, label, debit, credit, value_date)
                         SELECT landlord_id, 100, line_no, account_id, tiers_id, analytic, label, debit, credit, value_date
                         FROM entry WHERE voucher_id = 1;
                         UPDATE voucher SET sealed = 1 WHERE id = 100;",
                        session.landlord_id
                    ))
                    .expect("falsification");
            },
            "pièce 2026000012 : empreinte invalide",
        ),
        (
            "pièce rouverte",
            |s, _| {
                s.connection()
                    .execute_batch("UPDATE voucher SET sealed = 0 WHERE id = 6")
                    .expect("falsification");
            },
            "pièce 2026000006 : jamais scellée",
        ),
        (
            "pièce déséquilibrée",
            |s, _| {
                s.connection()
                    .execute_batch(
                        "UPDATE entry SET debit = debit + 1 WHERE voucher_id = 7 AND debit > 0",
                    )
                    .expect("falsification");
            },
            "pièce 2026000007 : déséquilibrée (débit 70001 c, crédit 70000 c, 2 écriture(s))",
        ),
        (
            "pièce vide",
            |s, _| {
                s.connection()
                    .execute_batch("DELETE FROM entry WHERE voucher_id = 8")
                    .expect("falsification");
            },
            "pièce 2026000008 : déséquilibrée (débit 0 c, crédit 0 c, 0 écriture(s))",
        ),
        (
            "date d'écriture changée",
            |s, _| {
                s.connection()
                    .execute_batch(
                        "UPDATE entry SET value_date = '2026-01-01' WHERE voucher_id = 1",
                    )
                    .expect("falsification");
            },
            "2 écriture(s) ne portent pas la date de valeur de leur pièce",
        ),
        (
            "suppression inscrite, pièce restée",
            |s, session| {
                let hash: String = s
                    .connection()
                    .query_row("SELECT hash FROM voucher WHERE id = 2", [], |r| r.get(0))
                    .expect("empreinte");
                forge_event(s, session, "2026000002", "suppression", &hash);
            },
            "pièce 2026000002 : supprimée au journal des pièces mais encore présente",
        ),
        (
            "numéro sauté",
            |s, session| forge_event(s, session, "2026000015", "creation", "x"),
            "pièce 2026000015 : numérotation interrompue (attendu 2026000010)",
        ),
        (
            "numéro d'une autre année, supprimé",
            |s, session| forge_event(s, session, "2025000002", "suppression", "x"),
            "pièce 2025000002 : numérotation interrompue (attendu 2025000001)",
        ),
        (
            "journal de la pièce disparu",
            |s, _| {
                s.connection()
                    .execute_batch(
                        "PRAGMA foreign_keys = OFF;
                         UPDATE voucher SET journal_id = 9999 WHERE id = 3;
                         PRAGMA foreign_keys = ON;",
                    )
                    .expect("falsification");
            },
            "pièce 2026000003 : disparue hors d'Abri",
        ),
        (
            "compte d'une écriture disparu",
            |s, _| {
                s.connection()
                    .execute_batch(
                        "PRAGMA foreign_keys = OFF;
                         UPDATE entry SET account_id = 9999 WHERE voucher_id = 4 AND debit > 0;
                         PRAGMA foreign_keys = ON;",
                    )
                    .expect("falsification");
            },
            "pièce 2026000004 : empreinte invalide",
        ),
    ];
    for (name, tamper, expected) in cases {
        let (store, session) = small_ledger();
        assert!(store.verify().expect("vérification").is_empty(), "{name}");
        store
            .connection()
            .execute_batch(OPEN)
            .expect("protections levées");
        tamper(&store, &session);
        let problems = landlord_problems(&store);
        assert_eq!(problems, old_problems(&store), "{name}");
        if expected.is_empty() {
            assert!(problems.is_empty(), "{name} : {problems:?}");
        } else {
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{name} : « {expected} » absent de {problems:?}"
            );
        }
    }
}

/// Plusieurs falsifications à la fois, et une écriture rattachée à la pièce d'un autre
/// bailleur : même liste, dans le même ordre, que l'ancien contrôle.
#[test]
fn streaming_verify_keeps_the_order_of_problems_and_sees_other_landlords() {
    let (mut store, session) = small_ledger();
    let other = store
        .create_landlord(
            &abri::model::Landlord {
                code: "AUTRE".into(),
                name: "Autre association".into(),
                ..abri::model::Landlord::default()
            },
            "test",
        )
        .expect("second bailleur");
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER entry_only_on_open_voucher_update;
             DROP TRIGGER entry_only_on_open_voucher_delete;
             DROP TRIGGER voucher_sealed_delete;
             DROP TRIGGER voucher_no_unseal;
             DROP TRIGGER ledger_event_no_update;",
        )
        .expect("protections levées");
    store
        .connection()
        .execute_batch(&format!(
            "UPDATE entry SET landlord_id = {}, value_date = '2020-01-01' WHERE voucher_id = 1 AND credit > 0;
             UPDATE entry SET value_date = '2020-01-01' WHERE voucher_id = 2;
             UPDATE voucher SET sealed = 0 WHERE id = 4;
             UPDATE entry SET debit = debit + 5 WHERE voucher_id = 5 AND debit > 0;
             DELETE FROM entry WHERE voucher_id = 6; DELETE FROM voucher WHERE id = 6;
             UPDATE ledger_event SET at = 'hier' WHERE number = '2026000008';",
            other.landlord_id
        ))
        .expect("falsifications");
    forge_event(&store, &session, "2026000003", "suppression", "x");
    forge_event(&store, &session, "2026000020", "creation", "x");
    let problems = landlord_problems(&store);
    assert_eq!(problems, old_problems(&store));
    assert!(
        problems.contains(
            &"bailleur AUTRE : 1 écriture(s) ne portent pas la date de valeur de leur pièce"
                .to_string()
        ),
        "{problems:?}"
    );
    assert!(problems.len() >= 8, "{problems:?}");
}

/// Sur un grand livre aléatoire, avec modifications et suppressions par Abri, rien à
/// signaler ; une falsification au milieu est trouvée.
#[test]
fn streaming_verify_on_a_seeded_ledger() {
    let (store, session) = seeded_ledger(200, 0x7e57);
    assert!(store.verify().expect("vérification").is_empty());
    let number: String = store
        .connection()
        .query_row(
            "SELECT number FROM voucher WHERE landlord_id = ?1 ORDER BY number LIMIT 1 OFFSET 150",
            [session.landlord_id],
            |r| r.get(0),
        )
        .expect("une pièce");
    store
        .connection()
        .execute_batch(&format!(
            "DROP TRIGGER entry_only_on_open_voucher_update;
             UPDATE entry SET analytic = 'X' WHERE voucher_id = (SELECT id FROM voucher WHERE number = '{number}');"
        ))
        .expect("falsification");
    let problems = landlord_problems(&store);
    assert_eq!(problems, old_problems(&store));
    assert_eq!(
        problems,
        vec![format!("bailleur DEMO : pièce {number} : empreinte invalide — la pièce ou ses écritures ont été modifiées hors d'Abri")]
    );
}

/// Les écritures des relevés d'avis, telles que les donnent les anciennes lectures :
/// écritures sur tiers de ]after, to], par date, pièce et ligne.
fn old_movements(
    store: &Store,
    session: &Session,
    after: Option<NaiveDate>,
    to: NaiveDate,
    tiers: Option<&str>,
) -> Vec<abri::store::TiersMovement> {
    let mut lines: Vec<LedgerLine> = old_lines(store, session, Some(to), None, tiers)
        .into_iter()
        .filter(|l| l.tiers.is_some() && after.is_none_or(|a| l.value_date > a))
        .collect();
    lines.sort_by(|a, b| {
        (a.value_date, &a.number, a.line_no).cmp(&(b.value_date, &b.number, b.line_no))
    });
    lines
        .into_iter()
        .map(|l| abri::store::TiersMovement {
            tiers: l.tiers.clone().unwrap_or_default(),
            account: l.account.clone(),
            number: l.number.clone(),
            value_date: l.value_date,
            label: if l.entry_label.is_empty() {
                l.label.clone()
            } else {
                l.entry_label.clone()
            },
            debit: l.debit,
            credit: l.credit,
        })
        .collect()
}

#[test]
fn the_notice_statement_movements_read_by_dates_or_by_tiers_are_the_old_ones() {
    let (store, session) = seeded_ledger(400, 0xa715);
    let repo = store.read(&session);
    let to = ymd(2027, 9, 30);
    let mut checked = 0;
    for after in [None, Some(ymd(2026, 6, 30)), Some(ymd(2027, 3, 31))] {
        let new = repo
            .tiers_movements(after, to)
            .expect("écritures par dates");
        assert_eq!(
            new,
            old_movements(&store, &session, after, to, None),
            "après {after:?}"
        );
        checked += new.len();
    }
    for tiers in tiers_refs(&store, &session) {
        for after in [None, Some(ymd(2026, 6, 30)), Some(ymd(2027, 3, 31))] {
            let new = repo
                .tiers_movements_of(&tiers, after, to)
                .expect("écritures du tiers");
            assert_eq!(
                new,
                old_movements(&store, &session, after, to, Some(&tiers)),
                "{tiers} après {after:?}"
            );
            checked += new.len();
        }
    }
    assert!(checked > 1000, "{checked} lignes comparées");
}

/// Soldes des comptes de gestion par tiers lus par l'index des soldes, compte par compte :
/// ceux que l'on calcule sur toutes les écritures (ancienne lecture), à chaque date.
#[test]
fn the_gestion_balances_are_the_sums_of_all_tiers_lines_on_gestion_accounts() {
    let (store, session) = seeded_ledger(400, 0x6e57);
    let repo = store.read(&session);
    let gestion: std::collections::HashSet<String> = repo
        .accounts()
        .expect("comptes")
        .into_iter()
        .filter(|a| a.gestion.is_some())
        .map(|a| a.reference)
        .collect();
    let all = old_lines(&store, &session, None, None, None);
    assert!(
        all.iter()
            .any(|l| l.tiers.is_some() && !gestion.contains(&l.account)),
        "le jeu d'essai a des écritures sur tiers hors comptes de gestion"
    );
    for at in [ymd(2026, 6, 30), ymd(2027, 3, 31), ymd(2030, 1, 1)] {
        let mut expected: std::collections::HashMap<(String, String), Money> =
            std::collections::HashMap::new();
        for l in all.iter().filter(|l| l.value_date <= at) {
            if let Some(tiers) = &l.tiers {
                if gestion.contains(&l.account) {
                    *expected
                        .entry((tiers.clone(), l.account.clone()))
                        .or_default() += l.debit - l.credit;
                }
            }
        }
        assert!(expected.len() > 20, "{} soldes au {at}", expected.len());
        assert_eq!(
            repo.gestion_balances(at).expect("soldes"),
            expected,
            "au {at}"
        );
    }
}

/// Les avis d'un grand bailleur planifiés sur une base en fichier (lectures partagées
/// entre deux connexions, en parallèle) et sur la même base en mémoire (une connexion,
/// l'une après l'autre) : mêmes avis, mêmes montants, mêmes relevés, mêmes numéros.
#[test]
fn the_notices_read_on_two_connections_are_the_notices_read_on_one() {
    use abri::treatments::generate::{generate, GenerateOptions};
    use abri::treatments::notices::{self, NoticeOptions};
    let options = GenerateOptions::new(80, 3, 11);
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let mut on_file = Store::open(&dir.path().join("grand.db")).expect("base en fichier");
    let (file_session, _) = generate(&mut on_file, "test", &options).expect("génération");
    let mut in_memory = Store::open_in_memory().expect("base en mémoire");
    let (memory_session, _) = generate(&mut in_memory, "test", &options).expect("génération");
    let month = abri::model::dates::add_months(options.start, 3).expect("mois suivant");
    let notice_options = NoticeOptions {
        period: month,
        value_date: month,
        leases: None,
        run_message: String::new(),
    };
    let checked_on_file =
        notices::run(&mut on_file, &file_session, &notice_options, true).expect("vérification");
    let checked_in_memory =
        notices::run(&mut in_memory, &memory_session, &notice_options, true).expect("vérification");
    assert_eq!(checked_on_file.plan, checked_in_memory.plan);
    // des avis avec un relevé (règlements depuis l'avis précédent) et un solde antérieur
    assert!(checked_on_file.plan.notices.len() >= 70);
    assert!(checked_on_file.plan.notices.iter().any(|n| n
        .document
        .lines
        .iter()
        .any(|l| l.section == abri::model::LineSection::Statement)));
    let run_on_file =
        notices::run(&mut on_file, &file_session, &notice_options, false).expect("avis");
    let run_in_memory =
        notices::run(&mut in_memory, &memory_session, &notice_options, false).expect("avis");
    assert_eq!(run_on_file, run_in_memory);
    assert_eq!(run_on_file.plan, checked_on_file.plan);
    assert!(on_file.verify().expect("vérification").is_empty());
}
