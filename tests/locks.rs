//! Verrouillage et sécurité des pièces : délai, clôture, export, « autoriser édition »,
//! pièces de traitement, modification et suppression tracées au journal des pièces.

mod common;

use abri::ledger::locks::{self, lock_reason, LockReason, LockSettings};
use abri::ledger::{post, EntryDraft, LedgerContext, VoucherDraft};
use abri::model::money::parse_money;
use abri::model::Role;
use abri::store::{Session, Store, StoreError};
use common::{demo_without_vouchers, ymd};
use rust_decimal::Decimal;

fn eur(s: &str) -> Decimal {
    parse_money(s).expect("montant de test")
}

/// Aujourd'hui, pour les tests : fixé, pas l'horloge.
fn today() -> chrono::NaiveDate {
    ymd(2026, 11, 26)
}

fn payment(date: chrono::NaiveDate, amount: &str, origin: &str) -> VoucherDraft {
    let line = |account: &str, tiers: Option<&str>, debit: &str, credit: &str| EntryDraft {
        account: account.into(),
        tiers: tiers.map(str::to_string),
        analytic: String::new(),
        label: String::new(),
        debit: eur(debit),
        credit: eur(credit),
    };
    VoucherDraft {
        journal: "BQ".into(),
        value_date: date,
        label: "Règlement MARTIN".into(),
        template: Some("Loc_REGL".into()),
        tiers: Some("LOC001".into()),
        lease: Some("BAIL001".into()),
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: String::new(),
        origin: origin.into(),
        entries: vec![
            line("512000000", None, amount, "0"),
            line("411000000", Some("LOC001"), "0", amount),
        ],
    }
}

fn create(store: &mut Store, session: &Session, draft: &VoucherDraft) -> String {
    store
        .write(session, "test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            post(repo, &ctx, draft)
        })
        .map_err(|e: abri::ledger::LedgerError| e.to_string())
        .expect("pièce")
}

fn settings(store: &mut Store, session: &Session, closing: Option<chrono::NaiveDate>, delay: u32) {
    store
        .write(session, "test", |repo| {
            repo.set_lock_settings(closing, delay)
        })
        .expect("réglages");
}

fn modify(
    store: &mut Store,
    session: &Session,
    number: &str,
    draft: &VoucherDraft,
) -> Result<(), String> {
    store
        .write(session, "test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            locks::modify(repo, &ctx, number, draft, today())
        })
        .map_err(|e: locks::LockError| e.to_string())
}

fn delete(store: &mut Store, session: &Session, number: &str) -> Result<(), String> {
    store
        .write(session, "test", |repo| locks::delete(repo, number, today()))
        .map_err(|e: locks::LockError| e.to_string())
}

fn allow(store: &mut Store, session: &Session, number: &str) -> Result<(), String> {
    store
        .write(session, "test", |repo| locks::allow_edit(repo, number))
        .map_err(|e: locks::LockError| e.to_string())
}

fn amount_of(store: &Store, session: &Session, number: &str) -> Decimal {
    let v = store
        .read(session)
        .voucher(number)
        .expect("lecture")
        .expect("pièce");
    v.draft.entries[0].debit
}

#[test]
fn lock_reasons_by_date() {
    let s = |closing: Option<chrono::NaiveDate>, delay| LockSettings {
        closing_date: closing,
        delay_days: delay,
    };
    let d = ymd(2026, 3, 5);
    assert_eq!(
        lock_reason(d, Some(ymd(2026, 4, 1)), None, s(None, 999), today()),
        Some(LockReason::Exported(ymd(2026, 4, 1)))
    );
    assert_eq!(
        lock_reason(d, None, None, s(Some(ymd(2026, 3, 31)), 999), today()),
        Some(LockReason::Closed(ymd(2026, 3, 31)))
    );
    assert_eq!(
        lock_reason(d, None, None, s(Some(ymd(2026, 3, 4)), 999), today()),
        None,
        "après la clôture"
    );
    assert_eq!(
        lock_reason(d, None, Some(ymd(2026, 3, 5)), s(None, 999), today()),
        Some(LockReason::JournalLocked(ymd(2026, 3, 5)))
    );
    // Délai glissant : 05/03 + 266 jours = 26/11 → verrouillée ; 267 jours → modifiable.
    assert_eq!(
        lock_reason(d, None, None, s(None, 266), today()),
        Some(LockReason::Delay(266))
    );
    assert_eq!(lock_reason(d, None, None, s(None, 267), today()), None);
    assert_eq!(
        lock_reason(today(), None, None, s(None, 0), today()),
        Some(LockReason::Delay(0)),
        "0 = dès la saisie"
    );
}

#[test]
fn a_locked_voucher_is_refused_then_modifiable_within_the_delay() {
    let (mut store, session) = demo_without_vouchers();
    let number = create(
        &mut store,
        &session,
        &payment(ymd(2026, 3, 5), "100,00", "saisie"),
    );
    // Délai par défaut : 0 jour, verrouillée dès la saisie.
    assert_eq!(
        modify(&mut store, &session, &number, &payment(ymd(2026, 3, 5), "120,00", "saisie")),
        Err("la pièce 2026000001 est verrouillée (délai de modification de 0 jour : verrouillage dès la saisie) : demandez à un comptable ou un administrateur d'« autoriser l'édition » de la pièce, ou passez une pièce de correction".to_string())
    );
    assert_eq!(
        amount_of(&store, &session, &number),
        eur("100,00"),
        "rien n'a changé"
    );
    settings(&mut store, &session, None, 365);
    modify(
        &mut store,
        &session,
        &number,
        &payment(ymd(2026, 3, 6), "120,00", "saisie"),
    )
    .expect("modification");
    let v = store
        .read(&session)
        .voucher(&number)
        .expect("lecture")
        .expect("pièce");
    assert_eq!(
        (
            v.draft.value_date,
            v.draft.entries[0].debit,
            v.draft.entries[1].credit
        ),
        (ymd(2026, 3, 6), eur("120,00"), eur("120,00"))
    );
    // Une modification invalide (déséquilibrée) est refusée par les règles du grand livre.
    let mut unbalanced = payment(ymd(2026, 3, 6), "130,00", "saisie");
    unbalanced.entries[1].credit = eur("129,00");
    assert!(modify(&mut store, &session, &number, &unbalanced)
        .expect_err("déséquilibre")
        .starts_with("pièce déséquilibrée"));
    assert_eq!(amount_of(&store, &session, &number), eur("120,00"));
    // Le journal des pièces garde la création et la modification ; tout vérifie.
    let kinds: Vec<String> = store
        .read(&session)
        .ledger_events()
        .expect("journal")
        .into_iter()
        .map(|(e, _)| e.kind)
        .collect();
    assert_eq!(kinds, vec!["creation", "modification"]);
    assert!(store.verify().expect("vérification").is_empty());
}

#[test]
fn closing_date_and_one_shot_authorisation() {
    let (mut store, session) = demo_without_vouchers();
    settings(&mut store, &session, None, 365);
    let number = create(
        &mut store,
        &session,
        &payment(ymd(2026, 3, 5), "100,00", "saisie"),
    );
    settings(&mut store, &session, Some(ymd(2026, 3, 31)), 365);
    // Plus de nouvelle pièce dans la période close.
    let err = store
        .write(&session, "test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            post(repo, &ctx, &payment(ymd(2026, 3, 15), "10,00", "saisie"))
        })
        .map_err(|e: abri::ledger::LedgerError| e.to_string())
        .expect_err("période close");
    assert_eq!(err, "la pièce est datée du 15/03/2026, période close (clôture des saisies au 31/03/2026) : datez-la après la clôture");
    assert!(modify(
        &mut store,
        &session,
        &number,
        &payment(ymd(2026, 3, 5), "110,00", "saisie")
    )
    .expect_err("close")
    .contains("(période close : clôture des saisies au 31/03/2026)"));
    // Un gestionnaire ne peut pas débloquer ; un comptable si.
    let manager = Session {
        role: Role::Manager,
        ..session.clone()
    };
    assert_eq!(
        allow(&mut store, &manager, &number),
        Err("seul un comptable ou un administrateur peut autoriser l'édition d'une pièce verrouillée (vous êtes Gestionnaire)".to_string())
    );
    let accountant = Session {
        role: Role::Accountant,
        ..session.clone()
    };
    allow(&mut store, &accountant, &number).expect("autorisation");
    // La pièce débloquée ne peut pas être déplacée dans une autre date close…
    assert!(modify(
        &mut store,
        &session,
        &number,
        &payment(ymd(2026, 3, 6), "110,00", "saisie")
    )
    .expect_err("nouvelle date close")
    .starts_with("la pièce est datée du 06/03/2026, période close"));
    // … mais corrigée à sa date, une seule fois.
    modify(
        &mut store,
        &session,
        &number,
        &payment(ymd(2026, 3, 5), "110,00", "saisie"),
    )
    .expect("modification autorisée");
    assert_eq!(amount_of(&store, &session, &number), eur("110,00"));
    assert!(modify(
        &mut store,
        &session,
        &number,
        &payment(ymd(2026, 3, 5), "115,00", "saisie")
    )
    .expect_err("autorisation consommée")
    .contains("est verrouillée"));
    assert!(store.verify().expect("vérification").is_empty());
}

#[test]
fn deletion_keeps_the_number_and_treatment_vouchers_never_change() {
    let (mut store, session) = demo_without_vouchers();
    settings(&mut store, &session, None, 365);
    let first = create(
        &mut store,
        &session,
        &payment(ymd(2026, 3, 5), "100,00", "saisie"),
    );
    let second = create(
        &mut store,
        &session,
        &payment(ymd(2026, 3, 6), "200,00", "saisie"),
    );
    delete(&mut store, &session, &second).expect("suppression");
    assert!(store
        .read(&session)
        .voucher(&second)
        .expect("lecture")
        .is_none());
    // Le numéro supprimé n'est jamais réemployé ; le trou est justifié au journal.
    let third = create(
        &mut store,
        &session,
        &payment(ymd(2026, 3, 7), "300,00", "saisie"),
    );
    assert_eq!(
        (first.as_str(), third.as_str()),
        ("2026000001", "2026000003")
    );
    assert!(store.verify().expect("vérification").is_empty());
    assert_eq!(
        delete(&mut store, &session, &second),
        Err("pièce 2026000002 inconnue".to_string())
    );

    // Une pièce d'avis (traitement) : ni modifiable, ni supprimable, ni débloquable.
    let notice = create(
        &mut store,
        &session,
        &payment(ymd(2026, 3, 8), "50,00", "avis"),
    );
    let expected = "la pièce 2026000004 a été produite par un traitement (avis) : elle ne se modifie pas ; supprimez le document qui l'a produite pour le régénérer".to_string();
    assert_eq!(
        modify(
            &mut store,
            &session,
            &notice,
            &payment(ymd(2026, 3, 8), "60,00", "saisie")
        ),
        Err(expected.clone())
    );
    assert_eq!(delete(&mut store, &session, &notice), Err(expected.clone()));
    assert_eq!(allow(&mut store, &session, &notice), Err(expected));

    // Supprimer directement en SQL est refusé ; contourner le trigger est vu par verifier.
    let err = store
        .connection()
        .execute("DELETE FROM voucher WHERE number = '2026000001'", [])
        .expect_err("trigger");
    assert!(
        err.to_string()
            .contains("elle ne peut être supprimée que par le grand livre"),
        "{err}"
    );
    store
        .connection()
        .execute_batch(
            "UPDATE voucher SET edit_open = 1, sealed = 0 WHERE number = '2026000001';
             DELETE FROM entry WHERE voucher_id = (SELECT id FROM voucher WHERE number = '2026000001');
             DELETE FROM voucher WHERE number = '2026000001';",
        )
        .expect("contournement");
    assert_eq!(
        store.verify().expect("vérification"),
        vec!["bailleur DEMO : pièce 2026000001 : disparue hors d'Abri (aucune suppression au journal des pièces)".to_string()]
    );
}

#[test]
fn unknown_voucher_errors() {
    let (mut store, session) = demo_without_vouchers();
    assert_eq!(
        allow(&mut store, &session, "2026999999"),
        Err("pièce 2026999999 inconnue".to_string())
    );
    let none: Result<Option<_>, StoreError> = store.read(&session).voucher("2026999999");
    assert!(none.expect("lecture").is_none());
}

/// Manuel : « une pièce peut être créée, modifiée ou supprimée si et seulement si des
/// pièces d'avis postérieures n'ont pas été générées ».
#[test]
fn nothing_changes_behind_a_generated_notice() {
    let (mut store, session) = demo_without_vouchers();
    settings(&mut store, &session, None, 100_000);
    let early = create(
        &mut store,
        &session,
        &payment(ymd(2026, 3, 10), "100,00", "saisie"),
    );
    create(
        &mut store,
        &session,
        &payment(ymd(2026, 3, 25), "50,00", "avis"),
    );
    let err = store
        .write(&session, "test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            post(repo, &ctx, &payment(ymd(2026, 3, 20), "10,00", "saisie"))
        })
        .map_err(|e: abri::ledger::LedgerError| e.to_string())
        .expect_err("avant l'avis");
    assert_eq!(
        err,
        "un avis d'échéance du 25/03/2026 a déjà été généré pour ce locataire, après la date de la pièce (20/03/2026) : datez la pièce à partir du 25/03/2026, ou supprimez d'abord l'avis"
    );
    // Le jour même de l'avis, ou après : accepté.
    create(
        &mut store,
        &session,
        &payment(ymd(2026, 3, 25), "10,00", "saisie"),
    );
    // La pièce du 10/03 précède l'avis : ni modifiable ni supprimable.
    let expected = "un avis d'échéance du 25/03/2026 a déjà été généré pour ce locataire, après la date de la pièce (10/03/2026) : datez la pièce à partir du 25/03/2026, ou supprimez d'abord l'avis".to_string();
    assert_eq!(
        modify(
            &mut store,
            &session,
            &early,
            &payment(ymd(2026, 3, 26), "100,00", "saisie")
        ),
        Err(expected.clone())
    );
    assert_eq!(delete(&mut store, &session, &early), Err(expected));
    // Un autre locataire n'est pas concerné.
    let mut other = payment(ymd(2026, 3, 20), "10,00", "saisie");
    other.tiers = Some("LOC003".into());
    other.lease = Some("BAIL003".into());
    other.entries[1].tiers = Some("LOC003".into());
    create(&mut store, &session, &other);
    assert!(store.verify().expect("vérification").is_empty());
}
