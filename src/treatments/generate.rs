//! Générateur d'un grand bailleur reproductible (`abri generer`), pour les mesures de
//! performance : N locations réparties en immeubles de 25 lots, des rubriques variées,
//! des allocataires CAF, des prélèvements, des départs et des mutations, puis M mois
//! d'historique faits par les vrais traitements (avis, règlements, part CAF réglée par
//! l'organisme payeur). Les fiches passent par l'import CSV des utilisateurs.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::model::dates::{add_months, format_date};
use crate::model::money::{format_money_plain, round_cents};
use crate::model::{Landlord, Money, PaymentMode};
use crate::store::{Session, Store, StoreError};
use crate::treatments::import::{import_into, Entity, ImportError};
use crate::treatments::notices::{self, NoticeError, NoticeOptions};
use crate::treatments::payments::{
    apply_payments, plan_payments, PaymentError, PaymentInput, PaymentOptions, PaymentSnapshot,
};
use crate::treatments::setup::load_default_catalogues;

/// Code du bailleur généré.
pub const GENERATED_CODE: &str = "GRAND";

/// Lots par immeuble.
const UNITS_PER_BUILDING: usize = 25;

/// Options du générateur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    pub leases: usize,
    pub months: u32,
    pub seed: u64,
    /// Premier mois de l'historique.
    pub start: NaiveDate,
    /// Part des locations en prélèvement, en pour cent (20 par défaut ; la mesure des
    /// prélèvements en veut davantage).
    pub debit_percent: u64,
}

impl GenerateOptions {
    pub fn new(leases: usize, months: u32, seed: u64) -> Self {
        GenerateOptions {
            leases,
            months,
            seed,
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(NaiveDate::MIN),
            debit_percent: 20,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("fiches générées ({list}) : {error}")]
    List {
        list: &'static str,
        error: ImportError,
    },
    #[error("historique : {0}")]
    Notices(#[from] NoticeError),
    #[error("historique : {0}")]
    Payments(#[from] PaymentError),
    #[error("indiquez au moins une location (--baux)")]
    NoLease,
}

/// Ce que le générateur a produit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenerateSummary {
    pub leases: usize,
    pub notices: usize,
    pub payments: usize,
}

/// Suite pseudo-aléatoire SplitMix64 : la même graine donne le même bailleur.
#[derive(Debug, Clone)]
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Entier dans `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Vrai avec la probabilité `percent` %.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// IBAN français valide (clé ISO 13616) pour un numéro de compte.
fn french_iban(account: u64) -> String {
    let bban = format!(
        "3000400821{:011}{:02}",
        account % 100_000_000_000,
        account % 97
    );
    // Clé : 98 − (BBAN + « FR00 » en chiffres) mod 97, calculé par morceaux.
    let digits = format!("{bban}152700");
    let rest = digits
        .chars()
        .filter_map(|c| c.to_digit(10))
        .fold(0u64, |acc, d| (acc * 10 + u64::from(d)) % 97);
    format!("FR{:02}{bban}", 98 - rest)
}

const SURNAMES: &[&str] = &[
    "MARTIN",
    "BERNARD",
    "THOMAS",
    "PETIT",
    "ROBERT",
    "RICHARD",
    "DURAND",
    "DUBOIS",
    "MOREAU",
    "LAURENT",
    "SIMON",
    "MICHEL",
    "LEFEBVRE",
    "LEROY",
    "ROUX",
    "DAVID",
    "BERTRAND",
    "MOREL",
    "FOURNIER",
    "GIRARD",
    "DIALLO",
    "TRAORE",
    "NGUYEN",
    "BENALI",
    "KOUASSI",
    "OUEDRAOGO",
];
const FIRST_NAMES: &[&str] = &[
    "Anne",
    "Karim",
    "Sophie",
    "Mamadou",
    "Lucie",
    "Hélène",
    "Moussa",
    "Chantal",
    "Élodie",
    "Issa",
    "Fatoumata",
    "Jean",
    "Nadia",
    "Olivier",
    "Aminata",
    "Céline",
];

/// Une location générée et ce qu'on en retient pour l'historique.
pub struct Planned {
    tenant: String,
    claimant: bool,
    /// Part de l'avis que le locataire règle : 100 % le plus souvent.
    pays_percent: u64,
}

/// Les listes CSV du bailleur généré, et ce que l'historique doit savoir des locataires.
fn lists(options: &GenerateOptions) -> (Vec<(Entity, &'static str, String)>, Vec<Planned>) {
    // Un seul tirage pour tout le bailleur, dans cet ordre : lots, puis location après
    // location ; changer l'ordre des tirages change le bailleur d'une graine.
    let mut rng = Random::new(options.seed);
    let n = options.leases;
    let transfers = n / 50;
    let units_needed = n + transfers;
    let buildings = units_needed.div_ceil(UNITS_PER_BUILDING);
    let units = units_csv(&mut rng, units_needed);
    let mut leases = LeaseLists::new(options, units_needed);
    for i in 0..n {
        leases.add(&mut rng, i);
    }
    let out = vec![
        (Entity::ThirdParties, "tiers", parties_csv()),
        (Entity::Buildings, "immeubles", buildings_csv(buildings)),
        (Entity::Units, "lots", units),
        (Entity::Tenants, "locataires", leases.tenants),
        (Entity::Leases, "locations", leases.leases),
        (Entity::Periods, "periodes", leases.periods),
        (Entity::LeaseItems, "rubriques-location", leases.items),
    ];
    (out, leases.planned)
}

/// Liste des tiers : l'organisme payeur des allocataires.
fn parties_csv() -> String {
    let mut parties = String::from("reference;type;nom;rue;code_postal;ville;telephone;email\n");
    parties.push_str(
        "CAF75;organisme_payeur;CAF de Paris;50 rue du Docteur Finlay;75015;Paris;3230;\n",
    );
    parties
}

/// Liste des immeubles G0000, G0001…
fn buildings_csv(buildings: usize) -> String {
    let mut imm = String::from(
        "reference;debut_gestion;fin_gestion;analytique;rue;code_postal;ville;syndic\n",
    );
    for b in 0..buildings {
        let _ = writeln!(
            imm,
            "G{b:04};01/01/2010;;G{b:04};{} rue des Générés;75{:03};Paris;",
            b + 1,
            1 + b % 20
        );
    }
    imm
}

/// Liste des lots, `UNITS_PER_BUILDING` par immeuble (surface et typologie tirées).
fn units_csv(rng: &mut Random, units_needed: usize) -> String {
    let mut units = String::from("reference;immeuble;debut_gestion;fin_gestion;nature;usage;forme;analytique;batiment;escalier;etage;porte;type;surface;typologie;foyer;rpls;invariant_dgfip;disponible;motif_indisponibilite;loyer_reference;charges_reference\n");
    for u in 0..units_needed {
        let b = u / UNITS_PER_BUILDING;
        let _ = writeln!(
            units,
            "G{b:04}-{:02};G{b:04};01/01/2010;;Appartement;Habitation;Collectif;;;A;{};{:02};principal;{},00;T{};N;;;O;;0,00;0,00",
            u % UNITS_PER_BUILDING,
            (u % UNITS_PER_BUILDING) / 5,
            u % UNITS_PER_BUILDING,
            20 + rng.below(60),
            1 + rng.below(4)
        );
    }
    units
}

/// Les listes faites location par location : locataires, locations, périodes,
/// rubriques, et ce que l'historique retient de chaque locataire.
struct LeaseLists<'a> {
    options: &'a GenerateOptions,
    /// Fin de l'historique : les départs tombent avant.
    history_end: NaiveDate,
    units_needed: usize,
    /// Prochain lot libre pour une mutation (les lots après ceux des locations).
    next_unit: usize,
    tenants: String,
    leases: String,
    periods: String,
    items: String,
    planned: Vec<Planned>,
}

/// Les conditions tirées d'une location.
struct Terms {
    start: NaiveDate,
    quarterly: bool,
    term: &'static str,
    debit: bool,
    mode: &'static str,
    move_out: Option<NaiveDate>,
    transfer: bool,
}

impl<'a> LeaseLists<'a> {
    fn new(options: &'a GenerateOptions, units_needed: usize) -> Self {
        let n = options.leases;
        LeaseLists {
            options,
            history_end: add_months(options.start, options.months as i32).unwrap_or(options.start),
            units_needed,
            next_unit: n,
            tenants: String::from("reference;professionnel;civilite;nom;prenom;debut_suivi;etat;adresse_alt_rue;adresse_alt_code_postal;adresse_alt_ville;nur;date_naissance;email;telephone1;telephone2;consentement_rgpd;date_consentement;allocataire;debut_allocation;organisme_payeur;numero_organisme;numero_allocataire\n"),
            leases: String::from("reference;lot;locataire;type_contrat;periodicite;terme;jour_echeance;mode_reglement;debut;sortie;motif_sortie;verrouillee;durable;regularisation_auto;tiers_payeur;prelevement;titulaire_compte;banque;iban;rum;date_mandat;forfait_periode;forfait_alternatif;jour_prelevement\n"),
            periods: String::from("location;debut;duree_mois\n"),
            items: String::from("location;rubrique;gestion;type;objet;active;debut;duree_mois;fin;reference;montant_initial;montant_revise;prorata;plafond;a_augmenter;date_revision\n"),
            planned: Vec::with_capacity(n),
        }
    }

    /// La location `i` : son locataire, ses conditions, ses rubriques, sa mutation
    /// éventuelle, et la part de l'avis que le locataire règle.
    fn add(&mut self, rng: &mut Random, i: usize) {
        let tenant = format!("T{i:06}");
        let (surname, first, claimant) = self.tenant(rng, i, &tenant);
        let terms = self.terms(rng);
        let payment = if terms.debit {
            format!(
                "O;{first} {surname};BNP;{};;{};0,00;0,00;5",
                french_iban(i as u64 + 1),
                format_date(terms.start)
            )
        } else {
            "N;;;;;;0,00;0,00;".to_string()
        };
        let lease = format!("B{i:06}");
        self.lease(rng, i, &lease, &tenant, &terms, &payment);
        if let (Some(out), true) = (terms.move_out, terms.transfer) {
            self.transfer(rng, i, out, &tenant, terms.debit, &payment);
        }
        self.planned.push(Planned {
            tenant,
            claimant,
            pays_percent: match rng.below(100) {
                0..=4 => 0,
                5..=14 => 50,
                _ => 100,
            },
        });
    }

    /// Le locataire de la location `i` (allocataire CAF dans 40 % des cas) : son nom,
    /// son prénom, s'il est allocataire.
    fn tenant(
        &mut self,
        rng: &mut Random,
        i: usize,
        tenant: &str,
    ) -> (&'static str, &'static str, bool) {
        let surname = SURNAMES[rng.below(SURNAMES.len() as u64) as usize];
        let first = FIRST_NAMES[rng.below(FIRST_NAMES.len() as u64) as usize];
        let claimant = rng.chance(40);
        let claim = if claimant {
            format!(
                "{first} {surname};01/01/2020;CAF75;751;{:07}{}",
                i,
                (b'A' + (i % 26) as u8) as char
            )
        } else {
            ";;;;".to_string()
        };
        let _ = writeln!(
            self.tenants,
            "{tenant};N;Mme;{surname};{first};01/01/2020;;;;;;;;;;N;;{claim}"
        );
        (surname, first, claimant)
    }

    /// Les conditions d'une location : début, périodicité, terme, mode de règlement,
    /// départ ou mutation pendant l'historique.
    fn terms(&self, rng: &mut Random) -> Terms {
        let options = self.options;
        // Début dans les deux ans avant l'historique, parfois en milieu de mois.
        let start = add_months(options.start, -(1 + rng.below(24) as i32))
            .and_then(|d| {
                d.with_day(if rng.chance(20) {
                    1 + rng.below(27) as u32
                } else {
                    1
                })
            })
            .unwrap_or(options.start);
        let quarterly = rng.chance(5);
        let term = if rng.chance(20) { "echu" } else { "a_echoir" };
        let debit = rng.chance(self.options.debit_percent);
        let mode = if debit {
            "prelevement"
        } else {
            ["cheque", "virement", "especes"][rng.below(3) as usize]
        };
        // Départs (5 %) et mutations (2 %) pendant l'historique.
        let leaves = rng.below(100);
        let move_out = if leaves < 7 && options.months > 1 {
            add_months(
                options.start,
                1 + rng.below(u64::from(options.months - 1)) as i32,
            )
            .and_then(|d| d.with_day(1 + rng.below(27) as u32))
            .filter(|d| *d < self.history_end)
        } else {
            None
        };
        let transfer = move_out.is_some() && leaves < 2 && self.next_unit < self.units_needed;
        Terms {
            start,
            quarterly,
            term,
            debit,
            mode,
            move_out,
            transfer,
        }
    }

    /// La location `lease` dans le lot `i`, sa période et ses rubriques (loyer et
    /// provision toujours, assurance et badge parfois).
    fn lease(
        &mut self,
        rng: &mut Random,
        i: usize,
        lease: &str,
        tenant: &str,
        terms: &Terms,
        payment: &str,
    ) {
        let reason = match (terms.move_out, terms.transfer) {
            (Some(_), true) => "mutation",
            (Some(_), false) => "depart",
            _ => "",
        };
        let unit = format!(
            "G{:04}-{:02}",
            i / UNITS_PER_BUILDING,
            i % UNITS_PER_BUILDING
        );
        let _ = writeln!(
            self.leases,
            "{lease};{unit};{tenant};temporaire;{};{};{};{};{};{};{reason};N;N;O;;{payment}",
            if terms.quarterly {
                "trimestrielle"
            } else {
                "mensuelle"
            },
            terms.term,
            if terms.term == "echu" { 10 } else { 4 },
            terms.mode,
            format_date(terms.start),
            terms.move_out.map(format_date).unwrap_or_default()
        );
        let start = format_date(terms.start);
        let _ = writeln!(self.periods, "{lease};{start};36");
        let months = if terms.quarterly { 3 } else { 1 };
        let rent = Money::from(months * (300 + rng.below(500) as i64));
        let charges = Money::from(months * (40 + rng.below(80) as i64));
        let items = &mut self.items;
        let _ = writeln!(
            items,
            "{lease};Loyer;LO;LO;FAC;O;{start};;;;{};;O;0,00;N;",
            format_money_plain(rent)
        );
        let _ = writeln!(
            items,
            "{lease};Provision pour charges;LO;CH;FAC;O;{start};;;;{};;O;0,00;O;",
            format_money_plain(charges)
        );
        if rng.chance(30) {
            let _ = writeln!(
                items,
                "{lease};Assurance;LO;AS;FAC;O;{start};;;;{};;N;0,00;N;",
                format_money_plain(Money::new(1000 + rng.below(500) as i64, 2))
            );
        }
        if rng.chance(5) {
            let _ = writeln!(
                items,
                "{lease};Divers;DV;DV;FAC;O;{start};;;Badge;20,00;;N;60,00;N;"
            );
        }
    }

    /// Mutation : nouvelle location le lendemain du départ `out`, dans un lot libre.
    fn transfer(
        &mut self,
        rng: &mut Random,
        i: usize,
        out: NaiveDate,
        tenant: &str,
        debit: bool,
        payment: &str,
    ) {
        let new_lease = format!("M{i:06}");
        let b = self.next_unit / UNITS_PER_BUILDING;
        let new_unit = format!("G{b:04}-{:02}", self.next_unit % UNITS_PER_BUILDING);
        self.next_unit += 1;
        let next_day = out.succ_opt().unwrap_or(out);
        let _ = writeln!(
            self.leases,
            "{new_lease};{new_unit};{tenant};temporaire;mensuelle;a_echoir;4;{};{};;;N;N;O;;{payment}",
            if debit { "prelevement" } else { "cheque" },
            format_date(next_day)
        );
        let _ = writeln!(self.periods, "{new_lease};{};36", format_date(next_day));
        let _ = writeln!(
            self.items,
            "{new_lease};Loyer;LO;LO;FAC;O;{};;;;{};;O;0,00;N;",
            format_date(next_day),
            format_money_plain(Money::from(350 + rng.below(400) as i64))
        );
    }
}

/// Le bailleur généré (identifiants fictifs mais valides).
fn generated_landlord() -> Landlord {
    Landlord {
        code: GENERATED_CODE.to_string(),
        name: "Bailleur de mesure".to_string(),
        street: "1 place de la Mesure".to_string(),
        postcode: "75001".to_string(),
        city: "Paris".to_string(),
        phone: String::new(),
        siret: "12345678200010".to_string(),
        caf_code: "P7512".to_string(),
        creditor_id: "FR72ZZZ123456".to_string(),
        iban: "FR7630006000011234567890189".to_string(),
        bic: "AGRIFRPP".to_string(),
    }
}

/// Crée (ou recrée) le bailleur généré et ses fiches, sans historique.
pub fn create_landlord(
    store: &mut Store,
    user: &str,
    options: &GenerateOptions,
) -> Result<Session, GenerateError> {
    if options.leases == 0 {
        return Err(GenerateError::NoLease);
    }
    if store
        .landlords()?
        .iter()
        .any(|(code, _)| code == GENERATED_CODE)
    {
        store.delete_landlord(GENERATED_CODE)?;
    }
    let session = store.create_landlord(&generated_landlord(), user)?;
    let (lists, _) = lists(options);
    store.write(&session, "bailleur généré", |repo| {
        load_default_catalogues(repo)?;
        for (entity, list, text) in &lists {
            import_into(repo, *entity, text)
                .map_err(|error| GenerateError::List { list, error })?;
        }
        Ok::<(), GenerateError>(())
    })?;
    Ok(session)
}

/// Habitudes de paiement des locataires générés (allocataire, part réglée).
pub struct Habits(std::collections::HashMap<String, Planned>);

impl Habits {
    pub fn of(options: &GenerateOptions) -> Self {
        Habits(
            lists(options)
                .1
                .into_iter()
                .map(|p| (p.tenant.clone(), p))
                .collect(),
        )
    }
}

/// Les règlements d'un mois : pour chaque avis, la part CAF des allocataires par
/// l'organisme, puis le reste (tout, la moitié ou rien selon le locataire), le 5 du mois.
pub fn month_payments(
    run: &notices::NoticeRun,
    day: NaiveDate,
    habits: &Habits,
) -> Vec<PaymentInput> {
    let by_tenant = &habits.0;
    let benefit = Money::from(180);
    let mut inputs = Vec::new();
    for notice in &run.plan.notices {
        let Some(p) = by_tenant.get(&notice.tenant) else {
            continue;
        };
        let mut due = notice.document.total_due;
        let mut push = |amount: Money, payer: Option<&str>, mode: Option<PaymentMode>| {
            inputs.push(PaymentInput {
                line: inputs.len() + 1,
                value_date: Some(day),
                tenant: Some(notice.tenant.clone()),
                amount,
                mode,
                payment_date: Some(day),
                reference: format!("{:07}", inputs.len()),
                bank: "LBP".to_string(),
                payer: payer.map(str::to_string),
                ..PaymentInput::default()
            });
        };
        if p.claimant && due > Money::ZERO {
            let part = due.min(benefit);
            push(part, Some("CAF75"), Some(PaymentMode::Transfer));
            due -= part;
        }
        let share = round_cents(due * Money::from(p.pays_percent) / Money::from(100));
        if share > Money::ZERO {
            push(share, None, None);
        }
    }
    inputs
}

/// Crée le bailleur généré et `months` mois d'historique par les traitements.
pub fn generate(
    store: &mut Store,
    user: &str,
    options: &GenerateOptions,
) -> Result<(Session, GenerateSummary), GenerateError> {
    let session = create_landlord(store, user, options)?;
    let mut summary = GenerateSummary {
        leases: store.read(&session).count("lease")? as usize,
        ..GenerateSummary::default()
    };
    let habits = Habits::of(options);
    for m in 0..options.months {
        let Some(month) = add_months(options.start, m as i32) else {
            continue;
        };
        let run = notices::run(
            store,
            &session,
            &NoticeOptions {
                period: month,
                value_date: month,
                leases: None,
                run_message: String::new(),
            },
            false,
        )?;
        summary.notices += run.created.len();
        let day = month.with_day(5).unwrap_or(month);
        let inputs = month_payments(&run, day, &habits);
        if inputs.is_empty() {
            continue;
        }
        let snapshot = PaymentSnapshot::load(&store.read(&session), &inputs)?;
        let plan = plan_payments(&snapshot, &inputs, PaymentOptions::default())
            .map_err(PaymentError::Invalid)?;
        summary.payments += apply_payments(store, &session, &plan)?.len();
    }
    Ok((session, summary))
}
