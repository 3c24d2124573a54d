//! Modification et suppression des fiches (immeubles, lots, locataires, tiers,
//! locations, périodes, rubriques) : chaque modification se relit, chaque refus de
//! suppression dit en français quoi faire à la place et n'écrit rien, une suppression
//! permise passe, et la base reste cohérente (`verifier` ne trouve rien).

mod common;

use abri::model::{
    AllocationKey, BenefitClaim, Building, DocumentKind, Gestion, Lease, LeaseItem, LeasePeriod,
    Money, PaymentMode, Tenant, TenantState, ThirdParty, ThirdPartyKind, Unit, UnitShare,
};
use abri::store::{Repo, Session, Store, StoreError};
use abri::treatments::deposit::{self, OneOffRequest};
use abri::treatments::notices::{self, NoticeOptions};
use chrono::NaiveDate;
use common::{demo_without_vouchers, ymd};

fn eur(s: &str) -> Money {
    abri::model::money::parse_money(s).expect("montant de test")
}

/// Tout ce que les fiches contiennent, pour vérifier qu'un refus n'a rien écrit.
#[derive(Debug, PartialEq)]
struct Snapshot {
    buildings: Vec<Building>,
    units: Vec<Unit>,
    tenants: Vec<Tenant>,
    parties: Vec<ThirdParty>,
    leases: Vec<Lease>,
    periods: Vec<LeasePeriod>,
    items: Vec<LeaseItem>,
    counts: Vec<i64>,
}

fn snapshot(store: &Store, session: &Session) -> Snapshot {
    let repo = store.read(session);
    let counts = [
        "building",
        "unit",
        "tenant",
        "benefit_claim",
        "third_party",
        "lease",
        "lease_period",
        "lease_item",
        "document",
        "voucher",
        "allocation_key",
        "allocation_share",
        "audit_log",
    ]
    .iter()
    .map(|t| repo.count(t).expect("compte"))
    .collect();
    Snapshot {
        buildings: repo.buildings().expect("immeubles"),
        units: repo.units().expect("lots"),
        tenants: repo.tenants().expect("locataires"),
        parties: repo.third_parties().expect("tiers"),
        leases: repo.leases().expect("locations"),
        periods: repo.periods().expect("périodes"),
        items: repo.lease_items().expect("rubriques"),
        counts,
    }
}

/// Écrit dans une transaction (comme l'application).
fn write(
    store: &mut Store,
    session: &Session,
    work: impl FnOnce(&Repo) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    store.write(session, "test", work)
}

/// Le refus attendu : son message (sans le nom du champ), et rien n'a changé en base.
fn refusal(
    store: &mut Store,
    session: &Session,
    work: impl FnOnce(&Repo) -> Result<(), StoreError>,
) -> String {
    let before = snapshot(store, session);
    let error = write(store, session, work).expect_err("refus attendu");
    let after = snapshot(store, session);
    assert_eq!(before, after, "un refus n'écrit rien");
    match error {
        StoreError::Invalid(errors) => errors
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
            .join(" ; "),
        other => other.to_string(),
    }
}

fn assert_clean(store: &Store) {
    let problems = store.verify().expect("vérification");
    assert!(problems.is_empty(), "{problems:#?}");
}

fn building(store: &Store, session: &Session, reference: &str) -> Building {
    store
        .read(session)
        .buildings()
        .expect("immeubles")
        .into_iter()
        .find(|b| b.reference == reference)
        .expect("immeuble")
}

fn unit(store: &Store, session: &Session, reference: &str) -> Unit {
    store
        .read(session)
        .units()
        .expect("lots")
        .into_iter()
        .find(|u| u.reference == reference)
        .expect("lot")
}

fn tenant(store: &Store, session: &Session, reference: &str) -> Tenant {
    store
        .read(session)
        .tenants()
        .expect("locataires")
        .into_iter()
        .find(|t| t.reference == reference)
        .expect("locataire")
}

fn party(store: &Store, session: &Session, reference: &str) -> ThirdParty {
    store
        .read(session)
        .third_parties()
        .expect("tiers")
        .into_iter()
        .find(|p| p.reference == reference)
        .expect("tiers")
}

fn lease(store: &Store, session: &Session, reference: &str) -> Lease {
    store
        .read(session)
        .leases()
        .expect("locations")
        .into_iter()
        .find(|l| l.reference == reference)
        .expect("location")
}

fn items_of(store: &Store, session: &Session, reference: &str) -> Vec<LeaseItem> {
    store
        .read(session)
        .lease_items()
        .expect("rubriques")
        .into_iter()
        .filter(|i| i.lease == reference)
        .collect()
}

fn periods_of(store: &Store, session: &Session, reference: &str) -> Vec<LeasePeriod> {
    store
        .read(session)
        .periods()
        .expect("périodes")
        .into_iter()
        .filter(|p| p.lease == reference)
        .collect()
}

/// Entrées du journal d'audit d'une action sur une table.
fn audits(store: &Store, session: &Session, action: &str, table: &str) -> i64 {
    store
        .connection()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE landlord_id = ?1 AND action = ?2 AND table_name = ?3",
            rusqlite::params![session.landlord_id, action, table],
            |r| r.get(0),
        )
        .expect("journal d'audit")
}

/// Avis d'avril 2026 de BAIL004 (sa seule période commence le 10/03/2026).
fn notice_for_bail004(store: &mut Store, session: &Session) {
    let run = notices::run(
        store,
        session,
        &NoticeOptions {
            period: ymd(2026, 4, 1),
            value_date: ymd(2026, 4, 1),
            leases: Some(vec!["BAIL004".to_string()]),
            run_message: String::new(),
        },
        false,
    )
    .expect("avis");
    assert_eq!(run.created.len(), 1, "{:?}", run.plan.report);
}

fn deposit_call(
    store: &mut Store,
    session: &Session,
    lease: &str,
    at: NaiveDate,
    instalments: Option<(Money, NaiveDate)>,
) -> String {
    let (_, number) = deposit::run(
        store,
        session,
        &OneOffRequest {
            kind: DocumentKind::DepositCall,
            lease: lease.to_string(),
            value_date: at,
            reference: String::new(),
            amount: eur("400,00"),
            instalments,
            message: String::new(),
        },
        false,
    )
    .expect("appel du dépôt");
    number.expect("numéro du document")
}

// ---------------------------------------------------------------------------------
// Modifications.
// ---------------------------------------------------------------------------------

#[test]
fn every_update_is_read_back_and_audited() {
    let (mut store, session) = demo_without_vouchers();

    // Immeuble : la ville change, l'analytique vide reprend la référence.
    let mut b = building(&store, &session, "IMM02");
    b.city = "Montreuil-sous-Bois".into();
    b.analytic = String::new();
    write(&mut store, &session, |r| r.update_building("IMM02", &b)).expect("immeuble");
    let read = building(&store, &session, "IMM02");
    assert_eq!(read.city, "Montreuil-sous-Bois");
    assert_eq!(read.analytic, "IMM02");
    assert_eq!(audits(&store, &session, "modification", "building"), 1);

    // Lot : nature, surface et changement d'immeuble.
    let mut u = unit(&store, &session, "IMM01-03");
    u.nature = "Duplex".into();
    u.living_area = Some(eur("63,40"));
    u.building = "IMM03".into();
    write(&mut store, &session, |r| r.update_unit("IMM01-03", &u)).expect("lot");
    let read = unit(&store, &session, "IMM01-03");
    assert_eq!(read.nature, "Duplex");
    assert_eq!(read.living_area, Some(eur("63,40")));
    assert_eq!(read.building, "IMM03");

    // Locataire : nom et allocations remplacées ; l'état reste celui de ses locations.
    let mut t = tenant(&store, &session, "LOC001");
    assert_eq!(t.claims.len(), 1);
    t.surname = "MARTIN-DURAND".into();
    t.state = TenantState::Candidate; // jamais saisi : la base le recalcule
    t.claims = vec![
        BenefitClaim {
            claimant: "Karim MARTIN".into(),
            start_date: Some(ymd(2024, 1, 1)),
            payer: Some("CAF93".into()),
            payer_number: "931".into(),
            claimant_no: "7777777k".into(),
        },
        BenefitClaim {
            claimant: "Lina MARTIN".into(),
            start_date: None,
            payer: None,
            payer_number: String::new(),
            claimant_no: "1234567A".into(),
        },
    ];
    write(&mut store, &session, |r| r.update_tenant("LOC001", &t)).expect("locataire");
    let read = tenant(&store, &session, "LOC001");
    assert_eq!(read.surname, "MARTIN-DURAND");
    assert_eq!(read.state, TenantState::Tenant);
    assert_eq!(read.claims.len(), 2);
    assert_eq!(read.claims[0].claimant_no, "7777777K", "mis en majuscules");
    assert_eq!(read.claims[0].payer.as_deref(), Some("CAF93"));
    assert_eq!(read.claimant_numbers(), "7777777K 1234567A");
    assert_eq!(
        party(&store, &session, "LOC001").name,
        "M. MARTIN-DURAND Karim",
        "le tiers du locataire suit son nom"
    );
    // Un numéro allocataire d'un autre locataire est refusé.
    let mut t2 = tenant(&store, &session, "LOC003");
    t2.claims[0].claimant_no = "7777777B".into();
    let message = refusal(&mut store, &session, |r| r.update_tenant("LOC003", &t2));
    assert!(message.contains("7777777B"), "{message}");

    // Tiers.
    let mut p = party(&store, &session, "FEDF");
    p.phone = "01 40 00 00 00".into();
    p.export_account = "401EDF".into();
    write(&mut store, &session, |r| r.update_third_party("FEDF", &p)).expect("tiers");
    let read = party(&store, &session, "FEDF");
    assert_eq!(read.phone, "01 40 00 00 00");
    assert_eq!(read.export_account, "401EDF");

    // Location : mode de règlement, jour d'échéance, sortie.
    let mut l = lease(&store, &session, "BAIL003");
    l.payment_mode = PaymentMode::Transfer;
    l.due_day_offset = 7;
    l.move_out_date = Some(ymd(2026, 12, 31));
    l.move_out_reason = Some(abri::model::MoveOutReason::Departure);
    write(&mut store, &session, |r| r.update_lease("BAIL003", &l)).expect("location");
    let read = lease(&store, &session, "BAIL003");
    assert_eq!(read.payment_mode, PaymentMode::Transfer);
    assert_eq!(read.due_day_offset, 7);
    assert_eq!(read.move_out_date, Some(ymd(2026, 12, 31)));
    // Une location sans pièce peut changer de locataire : les états suivent.
    let mut l = lease(&store, &session, "BAIL009");
    let previous = l.tenant.clone();
    write(&mut store, &session, |r| {
        r.insert_tenant(&Tenant {
            reference: "LOC200".into(),
            surname: "NOUVEAU".into(),
            ..tenant_template()
        })
    })
    .expect("nouveau locataire");
    l.tenant = "LOC200".into();
    write(&mut store, &session, |r| r.update_lease("BAIL009", &l)).expect("changement");
    assert_eq!(
        tenant(&store, &session, "LOC200").state,
        TenantState::Tenant
    );
    assert_eq!(
        tenant(&store, &session, &previous).state,
        TenantState::Candidate
    );

    // Période : durée et fin ; puis son début.
    let first = periods_of(&store, &session, "BAIL002")[0].clone();
    let changed =
        LeasePeriod::new("BAIL002", first.start_date, 24, None, None).expect("période valide");
    write(&mut store, &session, |r| {
        r.update_period(first.start_date, &changed)
    })
    .expect("période");
    let read = periods_of(&store, &session, "BAIL002")[0].clone();
    assert_eq!(read.months, 24);
    assert_eq!(read.end_date, ymd(2021, 3, 14));
    let moved = LeasePeriod::new("BAIL002", ymd(2019, 3, 16), 24, None, None).expect("période");
    write(&mut store, &session, |r| {
        r.update_period(first.start_date, &moved)
    })
    .expect("début de période");
    assert_eq!(
        periods_of(&store, &session, "BAIL002")[0].start_date,
        ymd(2019, 3, 16)
    );

    // Rubrique : révision du montant.
    let mut item = items_of(&store, &session, "BAIL001")
        .into_iter()
        .find(|i| i.item == "Loyer")
        .expect("loyer");
    item.revised_amount = eur("392,50");
    item.revision_date = Some(ymd(2026, 7, 1));
    write(&mut store, &session, |r| {
        r.update_lease_item("Loyer", item.start_date, &item)
    })
    .expect("rubrique");
    let read = items_of(&store, &session, "BAIL001")
        .into_iter()
        .find(|i| i.item == "Loyer")
        .expect("loyer");
    assert_eq!(read.revised_amount, eur("392,50"));
    assert_eq!(read.revision_date, Some(ymd(2026, 7, 1)));
    assert_eq!(audits(&store, &session, "modification", "lease_item"), 1);
    assert_clean(&store);
}

fn tenant_template() -> Tenant {
    Tenant {
        reference: String::new(),
        professional: false,
        civility: String::new(),
        surname: String::new(),
        first_name: String::new(),
        followup_start: ymd(2026, 1, 1),
        state: TenantState::Candidate,
        alt_street: String::new(),
        alt_postcode: String::new(),
        alt_city: String::new(),
        nur: String::new(),
        birth_date: None,
        email: String::new(),
        phone1: String::new(),
        phone2: String::new(),
        gdpr_consent: false,
        gdpr_consent_date: None,
        claims: Vec::new(),
    }
}

#[test]
fn references_and_item_keys_do_not_change() {
    let (mut store, session) = demo_without_vouchers();
    let mut b = building(&store, &session, "IMM01");
    b.reference = "IMM99".into();
    let message = refusal(&mut store, &session, |r| r.update_building("IMM01", &b));
    assert!(
        message.contains("la référence d'une fiche enregistrée ne change pas"),
        "{message}"
    );
    let mut l = lease(&store, &session, "BAIL001");
    l.reference = "BAIL999".into();
    let message = refusal(&mut store, &session, |r| r.update_lease("BAIL001", &l));
    assert!(message.contains("ne change pas"), "{message}");
    // Une fiche inconnue n'est pas créée par une modification.
    let mut ghost = building(&store, &session, "IMM01");
    ghost.reference = "FANTOME".into();
    let message = refusal(&mut store, &session, |r| {
        r.update_building("FANTOME", &ghost)
    });
    assert!(message.contains("inconnu"), "{message}");
    // Rubrique : ni la rubrique du catalogue ni le début ne changent.
    let item = items_of(&store, &session, "BAIL001")
        .into_iter()
        .find(|i| i.item == "Loyer")
        .expect("loyer");
    let moved = LeaseItem {
        start_date: ymd(2019, 2, 1),
        ..item.clone()
    };
    let message = refusal(&mut store, &session, |r| {
        r.update_lease_item("Loyer", item.start_date, &moved)
    });
    assert!(
        message.contains("son début l'identifient et ne changent pas"),
        "{message}"
    );
    // Validation du modèle : une fin avant le début est refusée.
    let mut b = building(&store, &session, "IMM01");
    b.end_date = Some(ymd(2000, 1, 1));
    let message = refusal(&mut store, &session, |r| r.update_building("IMM01", &b));
    assert!(message.contains("antérieure"), "{message}");
    assert_clean(&store);
}

// ---------------------------------------------------------------------------------
// Suppressions refusées : le message dit quoi faire, rien n'est écrit.
// ---------------------------------------------------------------------------------

#[test]
fn records_still_referred_to_are_not_deleted() {
    let (mut store, session) = demo_without_vouchers();
    let message = refusal(&mut store, &session, |r| r.delete_building("IMM01"));
    assert!(
        message.starts_with("l'immeuble « IMM01 » a 10 lot(s) (IMM01-01, IMM01-02"),
        "{message}"
    );
    assert!(
        message.contains("indiquez plutôt une fin de gestion"),
        "{message}"
    );

    let message = refusal(&mut store, &session, |r| r.delete_unit("IMM01-01"));
    assert_eq!(
        message,
        "le lot « IMM01-01 » a 1 location(s) (BAIL001) : il ne peut pas être supprimé ; indiquez plutôt une fin de gestion, ou décochez « Disponible » avec un motif"
    );

    let message = refusal(&mut store, &session, |r| r.delete_tenant("LOC016"));
    assert!(
        message.starts_with("le locataire « LOC016 » a 2 location(s) (BAIL016, BAIL017)"),
        "{message}"
    );
    assert!(message.contains("date de sortie"), "{message}");

    let message = refusal(&mut store, &session, |r| r.delete_third_party("SYNDFONC"));
    assert!(
        message.contains("syndic de 1 immeuble(s) (IMM01)"),
        "{message}"
    );
    let message = refusal(&mut store, &session, |r| r.delete_third_party("UDAF75"));
    assert!(
        message.contains("tiers payeur de 1 location(s) (BAIL008)"),
        "{message}"
    );
    let message = refusal(&mut store, &session, |r| r.delete_third_party("CAF75"));
    assert!(
        message.contains("organisme payeur des allocations de"),
        "{message}"
    );
    let message = refusal(&mut store, &session, |r| r.delete_third_party("LOC001"));
    assert!(
        message.contains("est celui du locataire « LOC001 »"),
        "{message}"
    );
    let message = refusal(&mut store, &session, |r| r.delete_third_party("LINCONNU"));
    assert!(message.contains("ne se supprime pas"), "{message}");
    // Le tiers d'un locataire reste de type locataire.
    let mut p = party(&store, &session, "LOC001");
    p.kind = ThirdPartyKind::Supplier;
    let message = refusal(&mut store, &session, |r| r.update_third_party("LOC001", &p));
    assert!(message.contains("reste de type « Locataire »"), "{message}");
    assert_clean(&store);
}

#[test]
fn a_lease_with_documents_or_vouchers_is_kept() {
    let (mut store, session) = demo_without_vouchers();
    let number = deposit_call(&mut store, &session, "BAIL003", ymd(2020, 9, 1), None);
    assert!(number.starts_with('D'));
    let message = refusal(&mut store, &session, |r| r.delete_lease("BAIL003"));
    assert_eq!(
        message,
        "la location « BAIL003 » a déjà 1 pièce(s) comptable(s) et 1 document(s) (avis, appels de dépôt, factures) : elle ne peut pas être supprimée ; indiquez plutôt une date de sortie, ou cochez « Verrouillée »"
    );
    // Son lot et son locataire ne changent plus ; son début ne passe pas après la pièce.
    let mut l = lease(&store, &session, "BAIL003");
    l.unit = "IMM05-04".into();
    let message = refusal(&mut store, &session, |r| r.update_lease("BAIL003", &l));
    assert!(
        message.contains("son lot et son locataire ne changent plus"),
        "{message}"
    );
    let mut l = lease(&store, &session, "BAIL003");
    l.start_date = ymd(2020, 10, 1);
    let message = refusal(&mut store, &session, |r| r.update_lease("BAIL003", &l));
    assert!(
        message.contains("a une pièce ou un document au 01/09/2020"),
        "{message}"
    );
    // Le locataire, qui a une location, reste aussi.
    let message = refusal(&mut store, &session, |r| r.delete_tenant("LOC003"));
    assert!(message.contains("BAIL003"), "{message}");
    // Mais la location elle-même se modifie.
    let mut l = lease(&store, &session, "BAIL003");
    l.locked = true;
    write(&mut store, &session, |r| r.update_lease("BAIL003", &l)).expect("verrou");
    assert!(lease(&store, &session, "BAIL003").locked);
    assert_clean(&store);
}

#[test]
fn billed_items_and_document_items_are_kept() {
    let (mut store, session) = demo_without_vouchers();
    notice_for_bail004(&mut store, &session);
    let rent = items_of(&store, &session, "BAIL004")
        .into_iter()
        .find(|i| i.item == "Loyer")
        .expect("loyer");
    let message = refusal(&mut store, &session, |r| {
        r.delete_lease_item("BAIL004", "Loyer", rent.start_date)
    });
    assert!(
        message.starts_with("la rubrique « Loyer » du 10/03/2026 figure déjà sur 1 avis (A2026"),
        "{message}"
    );
    assert!(
        message.ends_with("décochez « active » ou indiquez une date de fin"),
        "{message}"
    );
    // Sa gestion ne change plus, mais son montant se révise.
    let mut changed = rent.clone();
    changed.gestion = Gestion::Misc;
    let message = refusal(&mut store, &session, |r| {
        r.update_lease_item("Loyer", rent.start_date, &changed)
    });
    assert!(
        message.contains("sa gestion et son objet ne changent plus"),
        "{message}"
    );
    let mut revised = rent.clone();
    revised.revised_amount = eur("480,00");
    revised.end_date = Some(ymd(2027, 3, 9));
    write(&mut store, &session, |r| {
        r.update_lease_item("Loyer", rent.start_date, &revised)
    })
    .expect("révision permise");
    // La seule période d'une location qui a des avis reste.
    let message = refusal(&mut store, &session, |r| {
        r.delete_period("BAIL004", ymd(2026, 3, 10))
    });
    assert!(
        message.contains("est la seule de la location « BAIL004 », qui a déjà 1 avis"),
        "{message}"
    );

    // Rubrique d'échéance créée par un appel de dépôt : elle part avec le document.
    let number = deposit_call(
        &mut store,
        &session,
        "BAIL009",
        ymd(2024, 5, 1),
        Some((eur("100,00"), ymd(2024, 6, 1))),
    );
    let instalment = items_of(&store, &session, "BAIL009")
        .into_iter()
        .find(|i| i.gestion == Gestion::Deposit)
        .expect("rubrique d'échéance");
    let message = refusal(&mut store, &session, |r| {
        r.delete_lease_item("BAIL009", &instalment.item, instalment.start_date)
    });
    assert!(
        message.contains(&format!("créée par le document {number}")),
        "{message}"
    );
    assert!(
        message.contains("supprimez le document dans la fenêtre Avis"),
        "{message}"
    );
    assert_clean(&store);
}

// ---------------------------------------------------------------------------------
// Suppressions permises.
// ---------------------------------------------------------------------------------

#[test]
fn unused_records_are_deleted_in_order() {
    let (mut store, session) = demo_without_vouchers();
    // Une chaîne complète créée puis défaite : immeuble, lot, locataire, location.
    write(&mut store, &session, |r| {
        r.insert_building(&Building {
            reference: "IMM09".into(),
            start_date: ymd(2026, 1, 1),
            end_date: None,
            analytic: String::new(),
            street: "2 rue Neuve".into(),
            postcode: "75011".into(),
            city: "Paris".into(),
            syndic: Some("SYNDFONC".into()),
            real_rights_holder: String::new(),
        })?;
        r.insert_unit(&Unit {
            reference: "IMM09-01".into(),
            building: "IMM09".into(),
            start_date: ymd(2026, 1, 1),
            end_date: None,
            nature: "Appartement".into(),
            usage: "Habitation".into(),
            form: "Collectif".into(),
            analytic: String::new(),
            access_building: String::new(),
            staircase: String::new(),
            floor: String::new(),
            door: String::new(),
            kind: abri::model::UnitKind::Principal,
            living_area: None,
            size: String::new(),
            foyer: false,
            rpls_id: String::new(),
            dgfip_invariant: String::new(),
            available: true,
            unavailable_reason: String::new(),
            reference_rent: Money::ZERO,
            reference_charges: Money::ZERO,
        })?;
        r.insert_tenant(&Tenant {
            reference: "LOC300".into(),
            surname: "PASSANT".into(),
            claims: vec![BenefitClaim {
                claimant: "PASSANT".into(),
                start_date: None,
                payer: Some("CAF75".into()),
                payer_number: String::new(),
                claimant_no: "9999999Z".into(),
            }],
            ..tenant_template()
        })?;
        let mut l = template_lease();
        l.reference = "BAIL300".into();
        r.insert_lease(&l)?;
        r.insert_period(
            &LeasePeriod::new("BAIL300", ymd(2026, 6, 1), 12, None, None)
                .map_err(|e| StoreError::Invalid(vec![e]))?,
        )?;
        r.insert_period(
            &LeasePeriod::new("BAIL300", ymd(2027, 6, 1), 12, None, None)
                .map_err(|e| StoreError::Invalid(vec![e]))?,
        )?;
        r.insert_lease_item(&LeaseItem {
            lease: "BAIL300".into(),
            item: "Loyer".into(),
            gestion: Gestion::Rent,
            item_type: "LO".into(),
            purpose: abri::model::ItemPurpose::Billing,
            active: true,
            start_date: ymd(2026, 6, 1),
            months: None,
            end_date: None,
            free_reference: String::new(),
            initial_amount: eur("500,00"),
            revised_amount: eur("500,00"),
            prorata: true,
            ceiling: Money::ZERO,
            to_increase: false,
            revision_date: None,
        })
    })
    .expect("fiches de l'essai");
    assert_eq!(
        tenant(&store, &session, "LOC300").state,
        TenantState::Tenant
    );
    assert_clean(&store);

    let before = audits(&store, &session, "suppression", "lease_period");
    write(&mut store, &session, |r| {
        r.delete_period("BAIL300", ymd(2027, 6, 1))
    })
    .expect("période en trop");
    assert_eq!(periods_of(&store, &session, "BAIL300").len(), 1);
    assert_eq!(
        audits(&store, &session, "suppression", "lease_period"),
        before + 1
    );
    write(&mut store, &session, |r| {
        r.delete_lease_item("BAIL300", "Loyer", ymd(2026, 6, 1))
    })
    .expect("rubrique jamais facturée");
    assert!(items_of(&store, &session, "BAIL300").is_empty());

    // Le bon ordre : la location, puis le locataire (et son tiers), le lot, l'immeuble,
    // enfin le syndic qui n'est plus rattaché à rien.
    let message = refusal(&mut store, &session, |r| r.delete_tenant("LOC300"));
    assert!(message.contains("BAIL300"), "{message}");
    write(&mut store, &session, |r| r.delete_lease("BAIL300")).expect("location");
    assert_eq!(
        tenant(&store, &session, "LOC300").state,
        TenantState::Candidate,
        "sans location, le locataire redevient candidat"
    );
    assert_clean(&store);
    write(&mut store, &session, |r| r.delete_tenant("LOC300")).expect("locataire");
    let repo = store.read(&session);
    assert!(repo
        .tenants()
        .expect("locataires")
        .iter()
        .all(|t| t.reference != "LOC300"));
    assert!(
        repo.third_parties()
            .expect("tiers")
            .iter()
            .all(|p| p.reference != "LOC300"),
        "le tiers du locataire part avec lui"
    );
    write(&mut store, &session, |r| r.delete_unit("IMM09-01")).expect("lot");
    write(&mut store, &session, |r| r.delete_building("IMM09")).expect("immeuble");
    assert!(store
        .read(&session)
        .buildings()
        .expect("immeubles")
        .iter()
        .all(|b| b.reference != "IMM09"));
    // Un fournisseur qui ne sert à rien.
    write(&mut store, &session, |r| r.delete_third_party("FENTRET")).expect("tiers");
    assert!(store
        .read(&session)
        .third_parties()
        .expect("tiers")
        .iter()
        .all(|p| p.reference != "FENTRET"));
    assert_eq!(audits(&store, &session, "suppression", "building"), 1);
    assert_eq!(audits(&store, &session, "suppression", "tenant"), 1);
    assert_clean(&store);
}

fn template_lease() -> Lease {
    Lease {
        reference: String::new(),
        unit: "IMM09-01".into(),
        tenant: "LOC300".into(),
        contract_type: abri::model::ContractType::Temporary,
        frequency: abri::model::Frequency::Monthly,
        term: abri::model::Term::Advance,
        due_day_offset: 4,
        payment_mode: PaymentMode::Cheque,
        start_date: ymd(2026, 6, 1),
        move_out_date: None,
        move_out_reason: None,
        locked: false,
        durable: false,
        auto_settlement: false,
        third_party_payer: None,
        payment: Default::default(),
        notes: String::new(),
    }
}

// ---------------------------------------------------------------------------------
// Clés de répartition (S11) et notes des locations.
// ---------------------------------------------------------------------------------

/// Une clé de IMM01 : tantièmes des lots IMM01-01, IMM01-02… dans l'ordre.
fn key(code: &str, total: i64, shares: &[i64]) -> AllocationKey {
    AllocationKey {
        building: "IMM01".into(),
        code: code.into(),
        label: "Charges générales".into(),
        order: 0,
        total_shares: total,
        shares: shares
            .iter()
            .enumerate()
            .map(|(i, &shares)| UnitShare {
                unit: format!("IMM01-{:02}", i + 1),
                shares,
            })
            .collect(),
    }
}

fn keys_of(store: &Store, session: &Session, building: &str) -> Vec<AllocationKey> {
    store
        .read(session)
        .allocation_keys()
        .expect("clés")
        .into_iter()
        .filter(|k| k.building == building)
        .collect()
}

#[test]
fn allocation_keys_are_checked_in_french_written_read_back_and_audited() {
    let (mut store, session) = demo_without_vouchers();
    // Somme 900 pour un total de 1000 : enregistrée, avec un avertissement.
    let short = key("TANT", 1000, &[300, 300, 300]);
    write(&mut store, &session, |r| r.insert_allocation_key(&short)).expect("clé");
    let stored = keys_of(&store, &session, "IMM01");
    assert_eq!(stored, vec![short.clone()]);
    assert_eq!(stored[0].sum_of_shares(), 900);
    assert_eq!(
        stored[0].warning().as_deref(),
        Some("la somme des tantièmes des lots (900) diffère du total de la clé (1000)")
    );
    assert_eq!(audits(&store, &session, "ajout", "allocation_key"), 1);

    // Refus, chacun avec son message, sans rien écrire.
    let mut empty = key(" ", 0, &[]);
    empty.label = String::new();
    assert_eq!(
        refusal(&mut store, &session, |r| r.insert_allocation_key(&empty)),
        "champ obligatoire, à renseigner ; champ obligatoire, à renseigner ; le total des tantièmes de la clé doit être supérieur à zéro, 0 saisi"
    );
    assert_eq!(
        refusal(&mut store, &session, |r| r.insert_allocation_key(&key(
            "TANT",
            10,
            &[10]
        ))),
        "la clé « TANT » existe déjà pour l'immeuble « IMM01 » : choisissez un autre code"
    );
    let mut foreign = key("ASC", 100, &[50]);
    foreign.shares.push(UnitShare {
        unit: "IMM02-01".into(),
        shares: 50,
    });
    assert_eq!(
        refusal(&mut store, &session, |r| r.insert_allocation_key(&foreign)),
        "le lot « IMM02-01 » n'appartient pas à l'immeuble « IMM01 » : il n'a pas de tantièmes sur ses clés"
    );
    assert_eq!(
        refusal(&mut store, &session, |r| r.insert_allocation_key(&key(
            "ASC",
            100,
            &[-5, 105]
        ))),
        "les tantièmes du lot « IMM01-01 » ne peuvent pas être négatifs, -5 saisis"
    );
    let mut renamed = short.clone();
    renamed.code = "GEN".into();
    assert_eq!(
        refusal(&mut store, &session, |r| r.update_allocation_key("TANT", &renamed)),
        "le code d'une clé enregistrée ne change pas (« TANT », pas « GEN ») : créez une nouvelle clé et supprimez l'ancienne"
    );

    // Corrigée : somme 1000 pour un total de 1000, plus d'avertissement.
    let fixed = key("TANT", 1000, &[300, 300, 400]);
    write(&mut store, &session, |r| {
        r.update_allocation_key("TANT", &fixed)
    })
    .expect("clé");
    let stored = keys_of(&store, &session, "IMM01");
    assert_eq!(stored, vec![fixed]);
    assert_eq!(stored[0].warning(), None);
    assert_eq!(
        audits(&store, &session, "modification", "allocation_key"),
        1
    );
    assert_clean(&store);

    // Un lot rattaché à un autre immeuble perd ses tantièmes sur les clés de l'ancien.
    let mut moved = unit(&store, &session, "IMM01-03");
    moved.building = "IMM02".into();
    write(&mut store, &session, |r| r.update_unit("IMM01-03", &moved)).expect("lot");
    assert_eq!(keys_of(&store, &session, "IMM01")[0].sum_of_shares(), 600);
    assert_clean(&store);

    // Suppression d'une clé, avec ses tantièmes.
    write(&mut store, &session, |r| {
        r.delete_allocation_key("IMM01", "TANT")
    })
    .expect("suppression");
    assert!(keys_of(&store, &session, "IMM01").is_empty());
    assert_eq!(
        store
            .read(&session)
            .count("allocation_share")
            .expect("compte"),
        0
    );
    assert_eq!(audits(&store, &session, "suppression", "allocation_key"), 1);
    assert_clean(&store);
}

/// S11 : une clé employée par une écriture de charge ne change plus (total, tantièmes) et
/// ne se supprime plus ; message en français, rien d'écrit ; libellé et ordre restent
/// modifiables.
#[test]
fn a_key_used_by_an_entry_can_no_longer_change() {
    let (mut store, session) = demo_without_vouchers();
    let tant = key("TANT", 1000, &[300, 300, 400]);
    write(&mut store, &session, |r| r.insert_allocation_key(&tant)).expect("clé");
    notice_for_bail004(&mut store, &session);
    // Tant que la saisie des factures n'écrit pas la clé, l'écriture la reçoit ici.
    let (entry, number): (i64, String) = store
        .connection()
        .query_row(
            "SELECT e.id, v.number FROM entry e JOIN voucher v ON v.id = e.voucher_id ORDER BY e.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("écriture");
    // La pièce est scellée : le garde-fou est levé le temps de poser la clé.
    let conn = store.connection();
    let guard: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'entry_only_on_open_voucher_update'",
            [],
            |r| r.get(0),
        )
        .expect("déclencheur");
    conn.execute_batch("DROP TRIGGER entry_only_on_open_voucher_update")
        .expect("levée");
    conn.execute(
        "UPDATE entry SET allocation_key_id = (SELECT id FROM allocation_key WHERE code = 'TANT') WHERE id = ?1",
        [entry],
    )
    .expect("clé de l'écriture");
    conn.execute_batch(&guard).expect("remis");

    let changed = key("TANT", 1000, &[300, 350, 350]);
    assert_eq!(
        refusal(&mut store, &session, |r| r.update_allocation_key("TANT", &changed)),
        format!("la clé « IMM01 / TANT » est employée par 1 écriture(s) de charges (pièce {number}) : elle ne peut plus être modifiée (total, tantièmes) ; créez une nouvelle clé pour les charges à venir")
    );
    let mut bigger = tant.clone();
    bigger.total_shares = 2000;
    assert!(refusal(&mut store, &session, |r| r
        .update_allocation_key("TANT", &bigger))
    .contains("ne peut plus être modifiée"));
    assert_eq!(
        refusal(&mut store, &session, |r| r.delete_allocation_key("IMM01", "TANT")),
        format!("la clé « IMM01 / TANT » est employée par 1 écriture(s) de charges (pièce {number}) : elle ne peut plus être supprimée ; créez une nouvelle clé pour les charges à venir")
    );
    // Même tantièmes dans un autre ordre, nouveau libellé et ordre : accepté.
    let mut relabelled = tant.clone();
    relabelled.label = "Tantièmes généraux".into();
    relabelled.order = 2;
    relabelled.shares.reverse();
    write(&mut store, &session, |r| {
        r.update_allocation_key("TANT", &relabelled)
    })
    .expect("libellé et ordre");
    let stored = keys_of(&store, &session, "IMM01");
    assert_eq!(stored[0].label, "Tantièmes généraux");
    assert_eq!(stored[0].order, 2);
    assert_eq!(stored[0].sum_of_shares(), 1000);
    // Un lot qui changerait d'immeuble emporterait ses tantièmes : refusé aussi.
    let mut moved = unit(&store, &session, "IMM01-03");
    moved.building = "IMM02".into();
    assert!(
        refusal(&mut store, &session, |r| r.update_unit("IMM01-03", &moved))
            .contains("ne peut plus être modifiée"),
    );
    // Une clé que rien n'emploie reste libre.
    write(&mut store, &session, |r| {
        r.insert_allocation_key(&key("ASC", 10, &[10]))
    })
    .expect("clé");
    write(&mut store, &session, |r| {
        r.delete_allocation_key("IMM01", "ASC")
    })
    .expect("suppression");
    assert_clean(&store);
}

#[test]
fn a_building_without_units_is_deleted_with_its_keys_and_a_unit_with_shares_goes() {
    let (mut store, session) = demo_without_vouchers();
    let mut empty = building(&store, &session, "IMM02");
    empty.reference = "IMM09".into();
    empty.analytic = String::new();
    write(&mut store, &session, |r| r.insert_building(&empty)).expect("immeuble");
    let mut unkeyed = key("TANT", 100, &[]);
    unkeyed.building = "IMM09".into();
    write(&mut store, &session, |r| r.insert_allocation_key(&unkeyed)).expect("clé");
    write(&mut store, &session, |r| r.delete_building("IMM09")).expect("suppression");
    assert!(keys_of(&store, &session, "IMM09").is_empty());
    assert_eq!(
        store
            .read(&session)
            .count("allocation_key")
            .expect("compte"),
        0
    );

    // Un lot sans location se supprime, ses tantièmes avec lui.
    let free = Unit {
        reference: "IMM01-99".into(),
        ..unit(&store, &session, "IMM01-01")
    };
    write(&mut store, &session, |r| r.insert_unit(&free)).expect("lot");
    let mut with_free = key("TANT", 100, &[]);
    with_free.shares.push(UnitShare {
        unit: "IMM01-99".into(),
        shares: 100,
    });
    write(&mut store, &session, |r| {
        r.insert_allocation_key(&with_free)
    })
    .expect("clé");
    write(&mut store, &session, |r| r.delete_unit("IMM01-99")).expect("lot supprimé");
    assert_eq!(keys_of(&store, &session, "IMM01")[0].shares, []);
    assert_clean(&store);
}

#[test]
fn lease_notes_are_written_and_read_back() {
    let (mut store, session) = demo_without_vouchers();
    let mut l = lease(&store, &session, "BAIL003");
    assert_eq!(l.notes, "");
    l.notes = "Visite du 12/03/2026 : RAS.\nRappel de l'assurance à demander.".into();
    write(&mut store, &session, |r| r.update_lease("BAIL003", &l)).expect("location");
    assert_eq!(
        lease(&store, &session, "BAIL003").notes,
        "Visite du 12/03/2026 : RAS.\nRappel de l'assurance à demander."
    );
    assert_eq!(audits(&store, &session, "modification", "lease"), 1);
}
