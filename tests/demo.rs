//! Le jeu de démonstration couvre les cas que l'issue demande, et il est cohérent.

mod common;

use abri::model::{Frequency, MoveOutReason, PaymentMode, TenantState, Term, UnitKind};
use abri::store::Store;
use abri::treatments::demo::create_demo;
use chrono::Datelike;

#[test]
fn demo_covers_the_cases_of_the_field() {
    let mut store = Store::open_in_memory().expect("base");
    let session = create_demo(&mut store, "test").expect("démo");
    let repo = store.read(&session);
    let buildings = repo.buildings().expect("immeubles");
    let units = repo.units().expect("lots");
    let tenants = repo.tenants().expect("locataires");
    let leases = repo.leases().expect("locations");
    assert!(buildings.len() >= 4 && units.len() >= 30 && tenants.len() >= 25 && leases.len() >= 20);

    // Un immeuble avec un seul lot principal et une cave.
    let house = buildings.iter().find(|b| {
        let own: Vec<_> = units.iter().filter(|u| u.building == b.reference).collect();
        own.len() == 2
            && own.iter().filter(|u| u.kind == UnitKind::Principal).count() == 1
            && own
                .iter()
                .any(|u| u.kind == UnitKind::Secondary && u.nature == "Cave")
    });
    assert!(house.is_some(), "maison avec cave");

    assert!(leases.iter().any(|l| l.frequency == Frequency::Monthly));
    assert!(leases.iter().any(|l| l.frequency == Frequency::Quarterly));
    assert!(leases.iter().any(|l| l.term == Term::Arrears));
    assert!(leases.iter().any(|l| l.term == Term::Advance));
    assert!(
        leases.iter().any(|l| l.start_date.day() != 1),
        "début en milieu de mois"
    );
    assert!(leases
        .iter()
        .any(|l| l.payment_mode == PaymentMode::DirectDebit
            && l.payment.direct_debit
            && !l.payment.iban.is_empty()
            && !l.payment.mandate_ref.is_empty()));
    assert!(
        tenants.iter().filter(|t| !t.claims.is_empty()).count() >= 5,
        "allocataires CAF"
    );
    assert!(leases
        .iter()
        .any(|l| l.move_out_reason == Some(MoveOutReason::Departure)));
    assert_eq!(leases.iter().filter(|l| l.locked).count(), 1);

    // Mutation : le locataire sorti pour mutation a une nouvelle location qui commence
    // le lendemain de sa sortie.
    let transfer = leases
        .iter()
        .find(|l| l.move_out_reason == Some(MoveOutReason::Transfer))
        .expect("mutation");
    let next = leases
        .iter()
        .find(|l| l.tenant == transfer.tenant && l.reference != transfer.reference)
        .expect("nouvelle location du même locataire");
    assert_eq!(
        transfer.move_out_date.and_then(|d| d.succ_opt()),
        Some(next.start_date)
    );

    // États : locataire dès qu'une location existe, candidat sinon.
    for t in &tenants {
        let has_lease = leases.iter().any(|l| l.tenant == t.reference);
        assert_eq!(t.state == TenantState::Tenant, has_lease, "{}", t.reference);
    }
    assert!(tenants.iter().any(|t| t.state == TenantState::Candidate));

    // Clés de répartition : un immeuble en a deux (ordre 0 proposé par défaut), chaque
    // somme de tantièmes égale le total de sa clé ; une location a des notes de suivi.
    let keys = repo.allocation_keys().expect("clés");
    assert!(keys
        .iter()
        .any(|k| k.building == "IMM01" && k.code == "TANT" && k.order == 0));
    assert!(keys
        .iter()
        .any(|k| k.building == "IMM01" && k.code == "ASC" && k.order == 1));
    for k in &keys {
        assert_eq!(k.warning(), None, "{} / {}", k.building, k.code);
        assert!(
            k.shares.iter().all(|s| units
                .iter()
                .any(|u| u.reference == s.unit && u.building == k.building)),
            "{} / {} : lots de l'immeuble",
            k.building,
            k.code
        );
    }
    assert!(leases.iter().any(|l| l.notes.lines().count() > 1));

    // Chaque location facturable a une période et un loyer.
    let periods = repo.periods().expect("périodes");
    let items = repo.lease_items().expect("rubriques");
    for l in &leases {
        assert!(
            periods.iter().any(|p| p.lease == l.reference),
            "période de {}",
            l.reference
        );
        assert!(
            items
                .iter()
                .any(|i| i.lease == l.reference && i.item == "Loyer"),
            "loyer de {}",
            l.reference
        );
    }
    assert!(store.verify().expect("vérification").is_empty());
}

#[test]
fn default_catalogues_hold_the_chart_journals_items_and_templates() {
    let (store, session) = common::store_with_landlord();
    let repo = store.read(&session);
    let accounts = repo.accounts().expect("comptes");
    for (reference, label) in [
        ("411000000", "Loc. Loyers"),
        ("411500000", "Loc. Dépôt de garantie"),
        ("411600000", "Loc. Hors loyers"),
        ("411510000", "Loc. Épargne volontaire"),
        ("165000000", "Loc. Dépôts de garantie"),
        ("165100000", "Loc. Épargnes volontaires"),
        ("411700000", "Organismes CAF"),
        ("401000000", "Fournisseurs"),
        ("512000000", "Banque"),
        ("580000000", "Encaissements"),
        ("703000000", "Loyers"),
        ("703101000", "Provisions charges"),
        ("703201000", "Régularisation charges"),
        ("703301000", "Assurances"),
        ("703600000", "Retenue sur dépôt de garantie"),
        ("703900000", "Produits divers"),
        ("616100000", "Assurances logements"),
    ] {
        let a = accounts
            .iter()
            .find(|a| a.reference == reference)
            .unwrap_or_else(|| panic!("compte {reference}"));
        assert_eq!(a.label, label);
    }
    assert!(
        accounts
            .iter()
            .filter(|a| a.reference.starts_with("411"))
            .all(|a| a.collective),
        "comptes de tiers collectifs"
    );
    let kinds: Vec<_> = repo
        .journals()
        .expect("journaux")
        .iter()
        .map(|j| j.kind.code())
        .collect();
    for kind in ["achats", "ventes", "tresorerie", "od"] {
        assert!(kinds.contains(&kind), "journal {kind}");
    }
    let items: Vec<String> = repo
        .charge_items()
        .expect("rubriques")
        .into_iter()
        .map(|c| c.reference)
        .collect();
    for item in [
        "Loyer",
        "Provision pour charges",
        "Assurance",
        "Régularisation charges",
        "APL",
        "Dépôt de garantie",
        "Épargne",
    ] {
        assert!(items.iter().any(|i| i == item), "rubrique {item}");
    }
    let templates = repo.templates().expect("modèles");
    for t in [
        "Loc_FACT Avis",
        "Loc_FACT DG",
        "Loc_FACT DV",
        "Loc_AVOIR DV",
        "Loc_OD APL/AL",
        "Loc_REGL",
        "Loc_REMB",
        "Loc_FACT Charges",
        "Loc_AVOIR Charges",
        "Loc_FACT RetenueDG",
        "Loc_OD SoldeTC",
        "Loc_REMB SoldeTC",
        "Loc_PP SoldeTC",
    ] {
        assert!(templates.iter().any(|x| x.reference == t), "modèle {t}");
    }
    // Le modèle de l'appel de dépôt : D 411500000 (tiers) / C 165000000 (tiers), S9.
    let dg = templates
        .iter()
        .find(|t| t.reference == "Loc_FACT DG")
        .expect("Loc_FACT DG");
    assert_eq!(dg.lines.len(), 2);
    assert_eq!(
        (
            dg.lines[0].account_code.as_str(),
            dg.lines[0].debit_code.as_str()
        ),
        ("%CompteDG", "%TTCE")
    );
    assert_eq!(
        (
            dg.lines[1].account_ref.as_str(),
            dg.lines[1].credit_code.as_str()
        ),
        ("165000000", "%TTCE")
    );
    // Indices IRL partagés : T2 2025 = 146,68 (INSEE).
    let irl = repo.indices().expect("indices");
    assert!(irl.iter().any(|i| i.series == "IRL"
        && i.year == 2025
        && i.quarter == 2
        && i.value.to_string() == "146.68"));
}

/// La démonstration complète : douze mois d'avis (janvier à décembre 2026) et les
/// règlements de février à novembre, faits par les traitements ; la base se vérifie.
#[test]
fn demo_history_has_a_year_of_notices_and_verifies() {
    use abri::model::{DocumentKind, Money};
    use abri::store::DocumentFilter;
    use std::collections::BTreeSet;
    let mut store = Store::open_in_memory().expect("base");
    let session = create_demo(&mut store, "test").expect("démo");
    assert!(store.verify().expect("vérification").is_empty());
    let repo = store.read(&session);
    let notices = repo
        .documents(&DocumentFilter {
            kind: Some(DocumentKind::Notice),
            ..DocumentFilter::default()
        })
        .expect("avis");
    let months: BTreeSet<u32> = notices
        .iter()
        .filter_map(|d| d.period_start.map(|p| p.month()))
        .collect();
    assert_eq!(months, (1..=12).collect::<BTreeSet<u32>>());
    // Chaque pièce est équilibrée.
    let mut sums: std::collections::BTreeMap<String, Money> = Default::default();
    for l in repo.ledger_lines(None).expect("écritures") {
        *sums.entry(l.number).or_default() += l.debit - l.credit;
    }
    assert!(sums.len() > 500, "{} pièces", sums.len());
    assert!(sums.values().all(|s| s.is_zero()));
    // LEROY (moitié payée) et FONTAINE (plus rien après juin) restent débiteurs.
    let balances = repo
        .tiers_balances(
            &["LOC005", "LOC009"],
            chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
        )
        .expect("soldes");
    let owed = |t: &str| -> Money {
        balances
            .iter()
            .filter(|((a, tiers), _)| tiers == t && a.starts_with("411"))
            .map(|(_, b)| *b)
            .sum()
    };
    // LEROY, trimestriel 1 920 + 270 = 2 190,00 : avis de janvier impayé (pas de
    // règlement généré en janvier), puis en avril, juillet et octobre la moitié de
    // 4 380,00 payée → 2 190,00 dus.
    assert_eq!(owed("LOC005"), Money::new(219000, 2));
    // FONTAINE, 710 + 105 = 815,00 par mois : juillet à novembre impayés, 5 × 815,00.
    assert_eq!(owed("LOC009"), Money::new(407500, 2));
    // Recréer la démonstration remplace tout, documents et clés compris.
    let documents = repo.count("document").expect("documents");
    let session = create_demo(&mut store, "test").expect("démo recréée");
    assert!(store.verify().expect("vérification").is_empty());
    let repo = store.read(&session);
    assert_eq!(repo.count("document").expect("documents"), documents);
    assert_eq!(repo.allocation_keys().expect("clés").len(), 5);
}
