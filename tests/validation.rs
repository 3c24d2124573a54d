//! Chaque règle de validation des fiches refuse une mauvaise valeur avec son message
//! français et accepte une bonne valeur (S2–S6).

mod common;

use abri::model::*;
use common::ymd;
use rust_decimal::Decimal;

fn building() -> Building {
    Building {
        reference: "IMM01".into(),
        start_date: ymd(2020, 1, 1),
        end_date: None,
        analytic: String::new(),
        street: "1 rue Haute".into(),
        postcode: "75001".into(),
        city: "Paris".into(),
        syndic: None,
        real_rights_holder: String::new(),
    }
    .with_defaults()
}

fn lease() -> Lease {
    Lease {
        reference: "B1".into(),
        unit: "L1".into(),
        tenant: "T1".into(),
        contract_type: ContractType::Temporary,
        frequency: Frequency::Monthly,
        term: Term::Advance,
        due_day_offset: 4,
        payment_mode: PaymentMode::Cheque,
        start_date: ymd(2026, 3, 10),
        move_out_date: None,
        move_out_reason: None,
        locked: false,
        durable: false,
        auto_settlement: false,
        third_party_payer: None,
        payment: PaymentInfo::default(),
        notes: String::new(),
    }
}

/// Messages des erreurs, « champ : message ».
fn messages(result: Result<(), Vec<Invalid>>) -> Vec<String> {
    result
        .err()
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn building_mandatory_fields_dates_and_default_analytic() {
    let good = building();
    assert_eq!(
        good.analytic, "IMM01",
        "l'analytique vaut la référence par défaut"
    );
    assert_eq!(good.validate(), Ok(()));
    let bad = Building {
        street: " ".into(),
        end_date: Some(ymd(2019, 12, 31)),
        ..building()
    };
    assert_eq!(
        messages(bad.validate()),
        vec![
            "rue : champ obligatoire, à renseigner".to_string(),
            "fin_gestion : la date de fin (31/12/2019) est antérieure à la date de début (01/01/2020)".to_string(),
        ]
    );
    let no_ref = Building {
        reference: "".into(),
        ..building()
    };
    assert_eq!(
        messages(no_ref.validate()),
        vec!["reference : Référence de l'immeuble obligatoire".to_string()]
    );
}

#[test]
fn unit_requires_nature_usage_form_and_a_reason_when_unavailable() {
    let unit = Unit {
        reference: "L1".into(),
        building: "IMM01".into(),
        start_date: ymd(2020, 1, 1),
        end_date: None,
        nature: "Appartement".into(),
        usage: "Habitation".into(),
        form: "Collectif".into(),
        analytic: String::new(),
        access_building: String::new(),
        staircase: String::new(),
        floor: String::new(),
        door: String::new(),
        kind: UnitKind::Principal,
        living_area: Some(Decimal::new(4520, 2)),
        size: "T2".into(),
        foyer: false,
        rpls_id: String::new(),
        dgfip_invariant: String::new(),
        available: true,
        unavailable_reason: String::new(),
        reference_rent: Decimal::ZERO,
        reference_charges: Decimal::ZERO,
    };
    assert_eq!(unit.validate(), Ok(()));
    let bad = Unit {
        nature: "".into(),
        size: "T9".into(),
        available: false,
        ..unit
    };
    assert_eq!(
        messages(bad.validate()),
        vec![
            "nature : champ obligatoire, à renseigner".to_string(),
            "typologie : « T9 » inconnue (valeurs possibles : T1, T2, T3, T4, T5, T6, T7, T8+)"
                .to_string(),
            "motif_indisponibilite : indiquez pourquoi le lot n'est pas disponible".to_string(),
        ]
    );
}

#[test]
fn tenant_claimant_number_is_seven_digits_and_a_letter() {
    let mut tenant = Tenant {
        reference: "T1".into(),
        professional: false,
        civility: "Mme".into(),
        surname: "DUPONT".into(),
        first_name: "Sophie".into(),
        followup_start: ymd(2020, 1, 1),
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
        claims: vec![BenefitClaim {
            claimant: "Sophie DUPONT".into(),
            start_date: None,
            payer: None,
            payer_number: String::new(),
            claimant_no: "1234567A".into(),
        }],
    };
    assert_eq!(tenant.validate(), Ok(()));
    assert_eq!(tenant.claimant_numbers(), "1234567A");
    assert_eq!(tenant.display_name(), "Mme DUPONT Sophie");
    tenant.claims[0].claimant_no = "123456A".into();
    let errors = messages(tenant.validate());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("numero_allocataire : Numéro allocataire invalide"),
        "{errors:?}"
    );
    // Seuls les 7 chiffres identifient l'allocataire.
    assert_eq!(validate::claimant_digits("1234567A"), Some("1234567"));
    tenant.claims[0].claimant_no = "1234567A".into();
    tenant.gdpr_consent = true;
    assert_eq!(
        messages(tenant.validate()),
        vec!["date_consentement : indiquez la date du consentement RGPD".to_string()]
    );
    tenant.gdpr_consent = false;
    tenant.surname = String::new();
    assert_eq!(
        messages(tenant.validate()),
        vec!["nom : champ obligatoire, à renseigner".to_string()]
    );
}

#[test]
fn lease_move_out_needs_both_date_and_reason_after_the_start() {
    assert_eq!(lease().validate(), Ok(()));
    let no_reason = Lease {
        move_out_date: Some(ymd(2026, 4, 15)),
        ..lease()
    };
    assert_eq!(
        messages(no_reason.validate()),
        vec!["motif_sortie : indiquez le motif de sortie (départ définitif, mutation, décès, expulsion ou autre)".to_string()]
    );
    let before = Lease {
        move_out_date: Some(ymd(2026, 3, 1)),
        move_out_reason: Some(MoveOutReason::Departure),
        ..lease()
    };
    assert_eq!(
        messages(before.validate()),
        vec!["sortie : la date de sortie (01/03/2026) est antérieure au début de la location (10/03/2026)".to_string()]
    );
}

#[test]
fn direct_debit_needs_iban_mandate_and_holder_and_proposes_the_rum() {
    let mut dd = lease();
    dd.payment_mode = PaymentMode::DirectDebit;
    dd.payment.direct_debit = true;
    assert_eq!(
        messages(dd.validate()),
        vec![
            "iban : le prélèvement automatique demande l'IBAN du locataire".to_string(),
            "date_mandat : le prélèvement automatique demande la date de signature du mandat"
                .to_string(),
            "titulaire_compte : le prélèvement automatique demande le titulaire du compte"
                .to_string(),
        ]
    );
    dd.payment.iban = "fr14 2004 1010 0505 0001 3m02 606".into();
    dd.payment.mandate_date = Some(ymd(2026, 3, 1));
    dd.payment.account_holder = "Élodie LEFÈVRE".into();
    let dd = dd.with_defaults("Lefèvre");
    assert_eq!(
        dd.payment.iban, "FR1420041010050500013M02606",
        "IBAN normalisé"
    );
    assert_eq!(
        dd.payment.mandate_ref, "LEFEVRE20260301",
        "RUM = nom + date du mandat"
    );
    assert_eq!(dd.validate(), Ok(()));
    let mut wrong = dd.clone();
    wrong.payment.iban = "FR1420041010050500013M02607".into();
    let errors = messages(wrong.validate());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("iban : IBAN invalide : la clé de contrôle ne correspond pas"),
        "{errors:?}"
    );
}

#[test]
fn lease_period_defaults_and_checks() {
    let p = LeasePeriod::new("B1", ymd(2018, 1, 1), 12, None, None).expect("période");
    assert_eq!(
        (p.end_date, p.notice_date),
        (ymd(2018, 12, 31), ymd(2018, 9, 30))
    );
    assert_eq!(p.validate(), Ok(()));
    let edited = LeasePeriod::new("B1", ymd(2018, 1, 1), 12, Some(ymd(2019, 1, 15)), None)
        .expect("fin modifiée");
    assert_eq!(edited.notice_date, ymd(2018, 10, 15));
    assert_eq!(
        LeasePeriod::new("B1", ymd(2018, 1, 1), 0, None, None),
        Err(Invalid::new(
            "duree_mois",
            "la durée est comprise entre 1 et 1200 mois"
        ))
    );
    let backwards = LeasePeriod {
        end_date: ymd(2017, 12, 31),
        notice_date: ymd(2017, 9, 30),
        ..p
    };
    assert_eq!(
        messages(backwards.validate()),
        vec![
            "fin : la date de fin (31/12/2017) est antérieure à la date de début (01/01/2018)"
                .to_string()
        ]
    );
}

#[test]
fn lease_item_ceiling_only_on_billing_items() {
    let item = LeaseItem {
        lease: "B1".into(),
        item: "Dépôt de garantie".into(),
        gestion: Gestion::Deposit,
        item_type: "DG".into(),
        purpose: ItemPurpose::Instalment,
        active: true,
        start_date: ymd(2026, 1, 1),
        months: Some(4),
        end_date: None,
        free_reference: String::new(),
        initial_amount: Decimal::new(10000, 2),
        revised_amount: Decimal::new(10000, 2),
        prorata: false,
        ceiling: Decimal::ZERO,
        to_increase: false,
        revision_date: None,
    }
    .with_defaults();
    assert_eq!(
        item.end_date,
        Some(ymd(2026, 4, 30)),
        "fin = début + 4 mois − 1 jour"
    );
    assert_eq!(item.validate(), Ok(()));
    let capped = LeaseItem {
        ceiling: Decimal::new(40000, 2),
        ..item
    };
    assert_eq!(
        messages(capped.validate()),
        vec![
            "plafond : un plafond ne s'applique qu'aux rubriques de facturation (FAC)".to_string()
        ]
    );
}

#[test]
fn landlord_identifiers_are_checked() {
    let mut landlord = abri::treatments::demo::demo_landlord();
    assert_eq!(landlord.validate(), Ok(()));
    landlord.caf_code = "P75".into();
    landlord.creditor_id = "FR73ZZZ123456".into();
    landlord.siret = "1234".into();
    let errors = messages(landlord.validate());
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(errors[0], "siret : le SIRET comporte 14 chiffres");
    assert!(errors[1].starts_with("code_caf : "), "{errors:?}");
    assert!(errors[2].starts_with("ics : "), "{errors:?}");
}

#[test]
fn catalogue_rules_of_the_manual() {
    let account = Account {
        reference: "411000000".into(),
        label: "Loc. Loyers".into(),
        start_date: ymd(2000, 1, 1),
        end_date: None,
        collective: true,
        export_tiers: true,
        normal_side: Side::Debit,
        gestion: Some(Gestion::Rent),
        recoverable: true,
        recovered: false,
        spread_over_vacancy: false,
        charge_type: String::new(),
        analytic_required: false,
    };
    assert_eq!(
        messages(account.validate()),
        vec![
            "recuperable : seuls les comptes de classe 6 ou 7 peuvent être récupérables"
                .to_string()
        ]
    );
    let item = ChargeItem {
        reference: "Loyer".into(),
        gestion: Gestion::Rent,
        item_type: "LO".into(),
        purpose: ItemPurpose::Billing,
        account: "411000000".into(),
        prorata: true,
        settlement: false,
        start_date: ymd(2000, 1, 1),
    };
    assert_eq!(
        messages(item.validate()),
        vec![
            "compte : une rubrique de facturation se comptabilise sur un compte de classe 1 ou 7"
                .to_string()
        ]
    );
    assert_eq!(
        ChargeItem {
            account: "703000000".into(),
            ..item
        }
        .validate(),
        Ok(())
    );
}

#[test]
fn texts_have_the_same_maximum_length_in_forms_and_imports() {
    // La validation du modèle est celle des formulaires comme des imports : une fiche
    // saisie avec un texte trop long est refusée avec le champ, la limite et la longueur.
    let tenant = Tenant {
        reference: "T1".into(),
        professional: false,
        civility: "Mme".into(),
        surname: "D".repeat(101),
        first_name: "Sophie".into(),
        followup_start: ymd(2020, 1, 1),
        state: TenantState::Candidate,
        alt_street: "r".repeat(201),
        alt_postcode: String::new(),
        alt_city: "Paris".into(),
        nur: String::new(),
        birth_date: None,
        email: format!("{}@exemple.fr", "a".repeat(250)),
        phone1: "0".repeat(31),
        phone2: String::new(),
        gdpr_consent: false,
        gdpr_consent_date: None,
        claims: vec![],
    };
    assert_eq!(
        messages(tenant.validate()),
        vec![
            "nom : 100 caractères au maximum, 101 saisis (raccourcissez le texte)".to_string(),
            "adresse_alt_rue : 200 caractères au maximum, 201 saisis (raccourcissez le texte)"
                .to_string(),
            "telephone1 : 30 caractères au maximum, 31 saisis (raccourcissez le texte)".to_string(),
            "email : 254 caractères au maximum, 261 saisis (raccourcissez le texte)".to_string(),
        ]
    );
    // Le store (formulaires) refuse la même fiche avec les mêmes messages.
    let (store, session) = common::store_with_landlord();
    let mut store = store;
    let refused = store
        .write(&session, "test", |repo| repo.insert_tenant(&tenant))
        .expect_err("refusée");
    assert_eq!(
        refused.to_string(),
        "nom : 100 caractères au maximum, 101 saisis (raccourcissez le texte) ; \
         adresse_alt_rue : 200 caractères au maximum, 201 saisis (raccourcissez le texte) ; \
         telephone1 : 30 caractères au maximum, 31 saisis (raccourcissez le texte) ; \
         email : 254 caractères au maximum, 261 saisis (raccourcissez le texte)"
    );
    let mut lease = lease();
    lease.notes = "n".repeat(10_001);
    lease.payment.account_holder = "h".repeat(101);
    assert_eq!(
        messages(lease.validate()),
        vec![
            "titulaire_compte : 100 caractères au maximum, 101 saisis (raccourcissez le texte)"
                .to_string(),
            "notes : 10000 caractères au maximum, 10001 saisis (raccourcissez le texte)"
                .to_string(),
        ]
    );
    let mut building = building();
    building.city = "V".repeat(101);
    assert_eq!(
        messages(building.validate()),
        vec!["ville : 100 caractères au maximum, 101 saisis (raccourcissez le texte)".to_string()]
    );
    let landlord = Landlord {
        code: "ASSO".into(),
        name: "N".repeat(101),
        ..Landlord::default()
    };
    assert_eq!(
        messages(landlord.validate()),
        vec!["nom : 100 caractères au maximum, 101 saisis (raccourcissez le texte)".to_string()]
    );
}
