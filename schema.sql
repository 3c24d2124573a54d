-- Abri — schéma SQLite. Source unique de vérité : embarqué par include_str! dans
-- src/store/migrate.rs, exécuté tel quel pour une base neuve. Toute évolution
-- s'ajoute en fin de fichier dans une section « -- == version N == » : cette section
-- est aussi la migration N − 1 → N des bases existantes (un test vérifie qu'une base
-- neuve et une base migrée ont le même schéma).
--
-- Conventions :
--  * montants en centimes (INTEGER), jamais en flottant ;
--  * dates en texte ISO 'AAAA-MM-JJ', vérifiées par CHECK (date(x) IS x) ;
--  * toute ligne métier porte son bailleur (landlord_id) ; les références sont
--    uniques par bailleur.

PRAGMA foreign_keys = ON;

-- S1 Bailleurs
CREATE TABLE landlord (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 30),
    name            TEXT NOT NULL CHECK (length(name) > 0),
    street          TEXT NOT NULL DEFAULT '',
    postcode        TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    siret           TEXT NOT NULL DEFAULT '' CHECK (siret = '' OR (length(siret) = 14 AND siret NOT GLOB '*[^0-9]*')),
    caf_code        TEXT NOT NULL DEFAULT '' CHECK (caf_code = '' OR length(caf_code) = 5),
    creditor_id     TEXT NOT NULL DEFAULT '',
    iban            TEXT NOT NULL DEFAULT '',
    bic             TEXT NOT NULL DEFAULT '',
    closing_date    TEXT CHECK (closing_date IS NULL OR date(closing_date) IS closing_date),
    edit_delay_days INTEGER NOT NULL DEFAULT 0 CHECK (edit_delay_days >= 0)
);

-- S1 Utilisateurs (mot de passe : hachage Argon2id uniquement)
CREATE TABLE app_user (
    id                   INTEGER PRIMARY KEY,
    login                TEXT NOT NULL UNIQUE CHECK (length(login) > 0),
    full_name            TEXT NOT NULL DEFAULT '',
    password_hash        TEXT NOT NULL DEFAULT '',
    role                 TEXT NOT NULL CHECK (role IN ('gestionnaire', 'travailleur_social', 'comptable', 'administrateur')),
    must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE user_landlord (
    user_id     INTEGER NOT NULL REFERENCES app_user(id),
    landlord_id INTEGER NOT NULL REFERENCES landlord(id),
    PRIMARY KEY (user_id, landlord_id)
);

-- Journal d'audit : ajout seul (les triggers interdisent modification et suppression)
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    -- pas de clé étrangère : la trace survit à la suppression d'un bailleur
    landlord_id INTEGER,
    at          TEXT NOT NULL,
    user_login  TEXT NOT NULL,
    action      TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_key     TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Le journal d''audit ne peut pas être modifié'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Le journal d''audit ne peut pas être supprimé'); END;

-- S5 Tiers
CREATE TABLE third_party (
    id             INTEGER PRIMARY KEY,
    landlord_id    INTEGER NOT NULL REFERENCES landlord(id),
    reference      TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 30),
    kind           TEXT NOT NULL CHECK (kind IN ('locataire', 'fournisseur', 'organisme_public', 'organisme_payeur', 'syndic', 'notaire', 'tresorerie', 'autre')),
    name           TEXT NOT NULL CHECK (length(name) > 0),
    street         TEXT NOT NULL DEFAULT '',
    postcode       TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    export_account TEXT NOT NULL DEFAULT '',
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (landlord_id, reference)
);

-- S2 Immeubles
CREATE TABLE building (
    id               INTEGER PRIMARY KEY,
    landlord_id      INTEGER NOT NULL REFERENCES landlord(id),
    reference        TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 30),
    start_date       TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date         TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
    analytic         TEXT NOT NULL CHECK (length(analytic) > 0),
    street           TEXT NOT NULL CHECK (length(street) > 0),
    postcode         TEXT NOT NULL CHECK (length(postcode) > 0),
    city             TEXT NOT NULL CHECK (length(city) > 0),
    syndic_id        INTEGER REFERENCES third_party(id),
    real_rights_holder TEXT NOT NULL DEFAULT '',
    UNIQUE (landlord_id, reference)
);

-- S3 Lots
CREATE TABLE unit (
    id              INTEGER PRIMARY KEY,
    landlord_id     INTEGER NOT NULL REFERENCES landlord(id),
    reference       TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 30),
    building_id     INTEGER NOT NULL REFERENCES building(id),
    start_date      TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date        TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
    nature          TEXT NOT NULL CHECK (length(nature) > 0),
    usage           TEXT NOT NULL CHECK (length(usage) > 0),
    form            TEXT NOT NULL CHECK (length(form) > 0),
    analytic        TEXT NOT NULL DEFAULT '',
    access_building TEXT NOT NULL DEFAULT '',
    staircase       TEXT NOT NULL DEFAULT '',
    floor           TEXT NOT NULL DEFAULT '',
    door            TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL DEFAULT 'principal' CHECK (kind IN ('principal', 'secondaire')),
    living_area_cm2 INTEGER CHECK (living_area_cm2 IS NULL OR living_area_cm2 >= 0),
    size            TEXT NOT NULL DEFAULT '' CHECK (size IN ('', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8+')),
    foyer           INTEGER NOT NULL DEFAULT 0 CHECK (foyer IN (0, 1)),
    rpls_id         TEXT NOT NULL DEFAULT '',
    dgfip_invariant TEXT NOT NULL DEFAULT '',
    available       INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
    unavailable_reason TEXT NOT NULL DEFAULT '',
    reference_rent    INTEGER NOT NULL DEFAULT 0 CHECK (typeof(reference_rent) = 'integer'),
    reference_charges INTEGER NOT NULL DEFAULT 0 CHECK (typeof(reference_charges) = 'integer'),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (landlord_id, reference)
);
CREATE INDEX unit_building ON unit(building_id);

-- S4 Locataires (chacun a exactement un tiers de type locataire)
CREATE TABLE tenant (
    id               INTEGER PRIMARY KEY,
    landlord_id      INTEGER NOT NULL REFERENCES landlord(id),
    reference        TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 30),
    third_party_id   INTEGER NOT NULL UNIQUE REFERENCES third_party(id),
    professional     INTEGER NOT NULL DEFAULT 0 CHECK (professional IN (0, 1)),
    civility         TEXT NOT NULL DEFAULT '',
    surname          TEXT NOT NULL CHECK (length(surname) > 0),
    first_name       TEXT NOT NULL DEFAULT '',
    followup_start   TEXT NOT NULL CHECK (date(followup_start) IS followup_start),
    state            TEXT NOT NULL DEFAULT 'candidat' CHECK (state IN ('candidat', 'locataire')),
    alt_street       TEXT NOT NULL DEFAULT '',
    alt_postcode     TEXT NOT NULL DEFAULT '',
    alt_city         TEXT NOT NULL DEFAULT '',
    nur              TEXT NOT NULL DEFAULT '',
    birth_date       TEXT CHECK (birth_date IS NULL OR date(birth_date) IS birth_date),
    email            TEXT NOT NULL DEFAULT '',
    phone1           TEXT NOT NULL DEFAULT '',
    phone2           TEXT NOT NULL DEFAULT '',
    gdpr_consent     INTEGER NOT NULL DEFAULT 0 CHECK (gdpr_consent IN (0, 1)),
    gdpr_consent_date TEXT CHECK (gdpr_consent_date IS NULL OR date(gdpr_consent_date) IS gdpr_consent_date),
    -- reflet des numéros allocataires, pour la recherche (maintenu par le store)
    claimant_numbers TEXT NOT NULL DEFAULT '',
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (landlord_id, reference)
);

-- S4 Allocations logement du locataire
CREATE TABLE benefit_claim (
    id            INTEGER PRIMARY KEY,
    landlord_id   INTEGER NOT NULL REFERENCES landlord(id),
    tenant_id     INTEGER NOT NULL REFERENCES tenant(id),
    claimant      TEXT NOT NULL CHECK (length(claimant) > 0),
    start_date    TEXT CHECK (start_date IS NULL OR date(start_date) IS start_date),
    payer_id      INTEGER REFERENCES third_party(id),
    payer_number  TEXT NOT NULL DEFAULT '',
    claimant_no   TEXT NOT NULL CHECK (length(claimant_no) = 8 AND substr(claimant_no, 1, 7) NOT GLOB '*[^0-9]*' AND substr(claimant_no, 8, 1) GLOB '[A-Z]'),
    UNIQUE (landlord_id, claimant_no)
);
CREATE INDEX benefit_claim_tenant ON benefit_claim(tenant_id);

-- Catalogue des banques (BIC)
CREATE TABLE bank (
    id          INTEGER PRIMARY KEY,
    landlord_id INTEGER NOT NULL REFERENCES landlord(id),
    reference   TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 30),
    name        TEXT NOT NULL,
    bic         TEXT NOT NULL CHECK (length(bic) IN (8, 11)),
    UNIQUE (landlord_id, reference)
);

-- S6 Locations
CREATE TABLE lease (
    id                 INTEGER PRIMARY KEY,
    landlord_id        INTEGER NOT NULL REFERENCES landlord(id),
    reference          TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 30),
    unit_id            INTEGER NOT NULL REFERENCES unit(id),
    tenant_id          INTEGER NOT NULL REFERENCES tenant(id),
    contract_type      TEXT NOT NULL CHECK (contract_type IN ('temporaire', 'durable', 'sous_location', 'bail_glissant', 'residence_sociale')),
    frequency          TEXT NOT NULL DEFAULT 'mensuelle' CHECK (frequency IN ('mensuelle', 'trimestrielle')),
    term               TEXT NOT NULL CHECK (term IN ('echu', 'a_echoir')),
    due_day_offset     INTEGER NOT NULL DEFAULT 0 CHECK (due_day_offset BETWEEN 0 AND 31),
    payment_mode       TEXT NOT NULL CHECK (payment_mode IN ('cheque', 'especes', 'virement', 'prelevement')),
    start_date         TEXT NOT NULL CHECK (date(start_date) IS start_date),
    move_out_date      TEXT CHECK (move_out_date IS NULL OR (date(move_out_date) IS move_out_date AND move_out_date >= start_date)),
    move_out_reason    TEXT CHECK (move_out_reason IS NULL OR move_out_reason IN ('depart', 'mutation')),
    locked             INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    durable            INTEGER NOT NULL DEFAULT 0 CHECK (durable IN (0, 1)),
    auto_settlement    INTEGER NOT NULL DEFAULT 0 CHECK (auto_settlement IN (0, 1)),
    third_party_payer_id INTEGER REFERENCES third_party(id),
    -- informations de règlement (prélèvement SEPA)
    direct_debit       INTEGER NOT NULL DEFAULT 0 CHECK (direct_debit IN (0, 1)),
    account_holder     TEXT NOT NULL DEFAULT '',
    bank_id            INTEGER REFERENCES bank(id),
    iban               TEXT NOT NULL DEFAULT '',
    mandate_ref        TEXT NOT NULL DEFAULT '' CHECK (length(mandate_ref) <= 35),
    mandate_date       TEXT CHECK (mandate_date IS NULL OR date(mandate_date) IS mandate_date),
    fixed_amount       INTEGER NOT NULL DEFAULT 0 CHECK (typeof(fixed_amount) = 'integer'),
    alt_amount         INTEGER NOT NULL DEFAULT 0 CHECK (typeof(alt_amount) = 'integer'),
    debit_day          INTEGER CHECK (debit_day IS NULL OR debit_day BETWEEN 1 AND 31),
    CHECK ((move_out_date IS NULL) = (move_out_reason IS NULL)),
    UNIQUE (landlord_id, reference)
);
CREATE INDEX lease_unit ON lease(unit_id);
CREATE INDEX lease_tenant ON lease(tenant_id);

-- S6 Périodes de location
CREATE TABLE lease_period (
    id          INTEGER PRIMARY KEY,
    landlord_id INTEGER NOT NULL REFERENCES landlord(id),
    lease_id    INTEGER NOT NULL REFERENCES lease(id),
    start_date  TEXT NOT NULL CHECK (date(start_date) IS start_date),
    months      INTEGER NOT NULL CHECK (months BETWEEN 1 AND 1200),
    end_date    TEXT NOT NULL CHECK (date(end_date) IS end_date AND end_date >= start_date),
    notice_date TEXT NOT NULL CHECK (date(notice_date) IS notice_date),
    UNIQUE (lease_id, start_date)
);

-- S7 Catalogue des comptes
CREATE TABLE account (
    id            INTEGER PRIMARY KEY,
    landlord_id   INTEGER NOT NULL REFERENCES landlord(id),
    reference     TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 30 AND substr(reference, 1, 1) BETWEEN '1' AND '9'),
    label         TEXT NOT NULL CHECK (length(label) > 0),
    start_date    TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date      TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
    collective    INTEGER NOT NULL DEFAULT 0 CHECK (collective IN (0, 1)),
    export_tiers  INTEGER NOT NULL DEFAULT 0 CHECK (export_tiers IN (0, 1)),
    normal_side   TEXT NOT NULL CHECK (normal_side IN ('D', 'C')),
    gestion       TEXT CHECK (gestion IS NULL OR gestion IN ('LO', 'DG', 'DV', 'EV')),
    recoverable   INTEGER NOT NULL DEFAULT 0 CHECK (recoverable IN (0, 1)),
    recovered     INTEGER NOT NULL DEFAULT 0 CHECK (recovered IN (0, 1)),
    spread_over_vacancy INTEGER NOT NULL DEFAULT 0 CHECK (spread_over_vacancy IN (0, 1)),
    charge_type   TEXT NOT NULL DEFAULT '',
    analytic_required INTEGER NOT NULL DEFAULT 0 CHECK (analytic_required IN (0, 1)),
    CHECK (recoverable = 0 OR substr(reference, 1, 1) IN ('6', '7')),
    UNIQUE (landlord_id, reference)
);

-- S7 Catalogue des journaux
CREATE TABLE journal (
    id            INTEGER PRIMARY KEY,
    landlord_id   INTEGER NOT NULL REFERENCES landlord(id),
    reference     TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 30),
    label         TEXT NOT NULL CHECK (length(label) > 0),
    kind          TEXT NOT NULL CHECK (kind IN ('achats', 'ventes', 'tresorerie', 'od')),
    counter_account TEXT NOT NULL DEFAULT '',
    lock_date     TEXT CHECK (lock_date IS NULL OR date(lock_date) IS lock_date),
    start_date    TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date      TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
    UNIQUE (landlord_id, reference)
);

-- S7 Catalogue des modèles comptables et leurs lignes
CREATE TABLE voucher_template (
    id            INTEGER PRIMARY KEY,
    landlord_id   INTEGER NOT NULL REFERENCES landlord(id),
    reference     TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 40),
    label         TEXT NOT NULL CHECK (length(label) > 0),
    journal_kind  TEXT NOT NULL CHECK (journal_kind IN ('achats', 'ventes', 'tresorerie', 'od')),
    journal_ref   TEXT NOT NULL DEFAULT '',
    is_payment    INTEGER NOT NULL DEFAULT 0 CHECK (is_payment IN (0, 1)),
    tiers_required INTEGER NOT NULL DEFAULT 0 CHECK (tiers_required IN (0, 1)),
    label_tokens  TEXT NOT NULL DEFAULT '',
    start_date    TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date      TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
    UNIQUE (landlord_id, reference)
);

CREATE TABLE template_line (
    id            INTEGER PRIMARY KEY,
    landlord_id   INTEGER NOT NULL REFERENCES landlord(id),
    template_id   INTEGER NOT NULL REFERENCES voucher_template(id),
    line_order    INTEGER NOT NULL CHECK (line_order >= 0),
    account_code  TEXT NOT NULL CHECK (account_code IN ('%CompteR', '%CompteLO', '%CompteDG', '%CompteDV', '%CompteEV', '%CompteJournal')),
    account_ref   TEXT NOT NULL DEFAULT '',
    tiers_code    TEXT NOT NULL DEFAULT '' CHECK (tiers_code IN ('', '%TiersR_Piece', '%TiersR_Organisme')),
    debit_code    TEXT NOT NULL DEFAULT '' CHECK (debit_code IN ('', '%0', '%CompteR', '%*Piece', '%*GestionCPiece', '%*GestionC', '%*GestionCAPayer', '%TTCE')),
    credit_code   TEXT NOT NULL DEFAULT '' CHECK (credit_code IN ('', '%0', '%CompteR', '%*Piece', '%*GestionCPiece', '%*GestionC', '%*GestionCAPayer', '%TTCE')),
    CHECK (account_code <> '%CompteR' OR length(account_ref) > 0),
    UNIQUE (template_id, line_order)
);

-- S6/S8 Catalogue des rubriques
CREATE TABLE charge_item (
    id            INTEGER PRIMARY KEY,
    landlord_id   INTEGER NOT NULL REFERENCES landlord(id),
    reference     TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 40),
    gestion       TEXT NOT NULL CHECK (gestion IN ('LO', 'DG', 'DV', 'EV')),
    item_type     TEXT NOT NULL CHECK (length(item_type) BETWEEN 1 AND 5),
    purpose       TEXT NOT NULL CHECK (purpose IN ('FAC', 'ECH', 'INF')),
    account_ref   TEXT NOT NULL DEFAULT '',
    prorata       INTEGER NOT NULL DEFAULT 0 CHECK (prorata IN (0, 1)),
    settlement    INTEGER NOT NULL DEFAULT 0 CHECK (settlement IN (0, 1)),
    start_date    TEXT NOT NULL CHECK (date(start_date) IS start_date),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (landlord_id, reference)
);

-- S6 Rubriques de location
CREATE TABLE lease_item (
    id             INTEGER PRIMARY KEY,
    landlord_id    INTEGER NOT NULL REFERENCES landlord(id),
    lease_id       INTEGER NOT NULL REFERENCES lease(id),
    charge_item_id INTEGER NOT NULL REFERENCES charge_item(id),
    gestion        TEXT NOT NULL CHECK (gestion IN ('LO', 'DG', 'DV', 'EV')),
    item_type      TEXT NOT NULL CHECK (length(item_type) BETWEEN 1 AND 5),
    purpose        TEXT NOT NULL CHECK (purpose IN ('FAC', 'ECH', 'INF')),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    start_date     TEXT NOT NULL CHECK (date(start_date) IS start_date),
    months         INTEGER CHECK (months IS NULL OR months BETWEEN 1 AND 1200),
    end_date       TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
    free_reference TEXT NOT NULL DEFAULT '',
    initial_amount INTEGER NOT NULL CHECK (typeof(initial_amount) = 'integer'),
    revised_amount INTEGER NOT NULL CHECK (typeof(revised_amount) = 'integer'),
    prorata        INTEGER NOT NULL DEFAULT 0 CHECK (prorata IN (0, 1)),
    ceiling        INTEGER NOT NULL DEFAULT 0 CHECK (typeof(ceiling) = 'integer' AND ceiling >= 0 AND (ceiling = 0 OR purpose = 'FAC')),
    to_increase    INTEGER NOT NULL DEFAULT 0 CHECK (to_increase IN (0, 1)),
    revision_date  TEXT CHECK (revision_date IS NULL OR date(revision_date) IS revision_date),
    UNIQUE (lease_id, charge_item_id, start_date)
);
CREATE INDEX lease_item_lease ON lease_item(lease_id);

-- S12 Catalogue des indices (partagé par tous les bailleurs)
CREATE TABLE rent_index (
    id        INTEGER PRIMARY KEY,
    series    TEXT NOT NULL CHECK (series IN ('IRL', 'ICC4')),
    year      INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2200),
    quarter   INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    -- valeur en centièmes de point (ex. 145,47 → 14547)
    value_hundredths INTEGER NOT NULL CHECK (value_hundredths > 0),
    published TEXT CHECK (published IS NULL OR date(published) IS published),
    UNIQUE (series, year, quarter)
);

-- == version 2 == (migration 1 → 2, appliquée telle quelle aux bases en version 1)
-- Version 2 : pièces comptables et écritures (S7).
-- Une pièce est créée « ouverte » (sealed = 0), reçoit ses écritures, puis est scellée
-- dans la même transaction : le scellement refuse une pièce déséquilibrée ou vide, et
-- plus aucune écriture d'une pièce scellée ne peut être ajoutée, changée ou supprimée.
-- Seul le grand livre rouvre une pièce, pour une modification autorisée
-- (edit_open = 1 le temps de la transaction), et chaque création, modification ou
-- suppression ajoute un événement au journal chaîné ledger_event.
CREATE TABLE voucher (
    id            INTEGER PRIMARY KEY,
    landlord_id   INTEGER NOT NULL REFERENCES landlord(id),
    number        TEXT NOT NULL CHECK (length(number) = 10 AND number NOT GLOB '*[^0-9]*'),
    journal_id    INTEGER NOT NULL REFERENCES journal(id),
    value_date    TEXT NOT NULL CHECK (date(value_date) IS value_date),
    label         TEXT NOT NULL DEFAULT '',
    template_id   INTEGER REFERENCES voucher_template(id),
    tiers_id      INTEGER REFERENCES third_party(id),
    lease_id      INTEGER REFERENCES lease(id),
    analytic      TEXT NOT NULL DEFAULT '',
    payment_mode  TEXT CHECK (payment_mode IS NULL OR payment_mode IN ('cheque', 'especes', 'virement', 'prelevement')),
    payment_date  TEXT CHECK (payment_date IS NULL OR date(payment_date) IS payment_date),
    batch_no      TEXT NOT NULL DEFAULT '',
    reference     TEXT NOT NULL DEFAULT '',
    period_start  TEXT CHECK (period_start IS NULL OR date(period_start) IS period_start),
    period_end    TEXT CHECK (period_end IS NULL OR date(period_end) IS period_end),
    export_date   TEXT CHECK (export_date IS NULL OR date(export_date) IS export_date),
    origin        TEXT NOT NULL DEFAULT 'saisie',
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    sealed        INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1)),
    -- « Autoriser édition pièce » : la prochaine modification passe malgré le verrou
    unlocked_once INTEGER NOT NULL DEFAULT 0 CHECK (unlocked_once IN (0, 1)),
    -- ouverte par le grand livre le temps d'une modification
    edit_open     INTEGER NOT NULL DEFAULT 0 CHECK (edit_open IN (0, 1)),
    -- empreinte SHA-256 du contenu (en-tête et écritures)
    hash          TEXT NOT NULL DEFAULT '',
    UNIQUE (landlord_id, number)
);
CREATE INDEX voucher_date ON voucher(landlord_id, value_date);
CREATE INDEX voucher_lease ON voucher(lease_id);

-- Bailleur en cours de suppression complète (recréation de la démonstration) : seul cas
-- où les écritures de pièces scellées et le journal des événements peuvent disparaître.
CREATE TABLE landlord_deletion (landlord_id INTEGER PRIMARY KEY);

CREATE TABLE entry (
    id          INTEGER PRIMARY KEY,
    landlord_id INTEGER NOT NULL REFERENCES landlord(id),
    voucher_id  INTEGER NOT NULL REFERENCES voucher(id),
    line_no     INTEGER NOT NULL CHECK (line_no >= 1),
    account_id  INTEGER NOT NULL REFERENCES account(id),
    tiers_id    INTEGER REFERENCES third_party(id),
    analytic    TEXT NOT NULL DEFAULT '',
    label       TEXT NOT NULL DEFAULT '',
    debit       INTEGER NOT NULL DEFAULT 0 CHECK (typeof(debit) = 'integer' AND debit >= 0),
    credit      INTEGER NOT NULL DEFAULT 0 CHECK (typeof(credit) = 'integer' AND credit >= 0),
    -- copie de la date de valeur de la pièce (contrôlée par « verifier ») : la balance
    -- se calcule sur l'index ci-dessous sans relire les pièces
    value_date  TEXT NOT NULL CHECK (date(value_date) IS value_date),
    CHECK ((debit = 0) <> (credit = 0)),
    UNIQUE (voucher_id, line_no)
);
CREATE INDEX entry_balance ON entry(landlord_id, account_id, tiers_id, value_date, debit, credit);
CREATE INDEX entry_tiers ON entry(tiers_id);

-- Journal des événements du grand livre : chaque création, modification ou suppression
-- de pièce, avec l'empreinte du contenu, chaînée à l'événement précédent du bailleur.
CREATE TABLE ledger_event (
    id           INTEGER PRIMARY KEY,
    landlord_id  INTEGER NOT NULL REFERENCES landlord(id),
    number       TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('creation', 'modification', 'suppression')),
    at           TEXT NOT NULL,
    user_login   TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX ledger_event_number ON ledger_event(landlord_id, number);
-- dernier événement du bailleur (chaînage) sans parcourir le journal
CREATE INDEX ledger_event_chain ON ledger_event(landlord_id, id);
CREATE TRIGGER ledger_event_no_update BEFORE UPDATE ON ledger_event
BEGIN SELECT RAISE(ABORT, 'le journal des pièces ne peut pas être modifié'); END;
CREATE TRIGGER ledger_event_no_delete BEFORE DELETE ON ledger_event
WHEN NOT EXISTS (SELECT 1 FROM landlord_deletion d WHERE d.landlord_id = OLD.landlord_id)
BEGIN SELECT RAISE(ABORT, 'le journal des pièces ne peut pas être supprimé'); END;

CREATE TRIGGER entry_only_on_open_voucher_insert BEFORE INSERT ON entry
WHEN (SELECT sealed FROM voucher WHERE id = NEW.voucher_id) = 1
BEGIN SELECT RAISE(ABORT, 'pièce scellée : ses écritures ne peuvent plus changer'); END;
CREATE TRIGGER entry_only_on_open_voucher_update BEFORE UPDATE ON entry
WHEN (SELECT sealed FROM voucher WHERE id = OLD.voucher_id) = 1
BEGIN SELECT RAISE(ABORT, 'pièce scellée : ses écritures ne peuvent plus changer'); END;
CREATE TRIGGER entry_only_on_open_voucher_delete BEFORE DELETE ON entry
WHEN (SELECT sealed FROM voucher WHERE id = OLD.voucher_id) = 1
  AND NOT EXISTS (SELECT 1 FROM landlord_deletion d WHERE d.landlord_id = OLD.landlord_id)
BEGIN SELECT RAISE(ABORT, 'pièce scellée : ses écritures ne peuvent plus changer'); END;
CREATE TRIGGER voucher_seal_balanced BEFORE UPDATE OF sealed ON voucher
WHEN NEW.sealed = 1 AND (
    (SELECT count(*) FROM entry WHERE voucher_id = NEW.id) = 0
    OR (SELECT sum(debit) - sum(credit) FROM entry WHERE voucher_id = NEW.id) <> 0)
BEGIN SELECT RAISE(ABORT, 'pièce déséquilibrée ou vide : elle ne peut pas être enregistrée'); END;
CREATE TRIGGER voucher_no_unseal BEFORE UPDATE OF sealed ON voucher
WHEN OLD.sealed = 1 AND NEW.sealed = 0 AND NEW.edit_open = 0
BEGIN SELECT RAISE(ABORT, 'pièce scellée : elle ne peut pas être rouverte'); END;
CREATE TRIGGER voucher_sealed_delete BEFORE DELETE ON voucher
WHEN OLD.sealed = 1 AND OLD.edit_open = 0
  AND NOT EXISTS (SELECT 1 FROM landlord_deletion d WHERE d.landlord_id = OLD.landlord_id)
BEGIN SELECT RAISE(ABORT, 'pièce scellée : elle ne peut être supprimée que par le grand livre'); END;

-- == version 3 ==
-- S8, S9 Documents des locataires : avis d'échéance, appels du dépôt de garantie,
-- factures et avoirs hors loyer. Chaque document est figé à sa génération (ce qui a été
-- imprimé se réimprime à l'identique) ; sa pièce comptable, s'il en a une, le suit.
CREATE TABLE document (
    id               INTEGER PRIMARY KEY,
    landlord_id      INTEGER NOT NULL REFERENCES landlord(id),
    -- lettre du type + année + séquence : A2026000001 (avis), D… (dépôt), F… (facture), V… (avoir)
    number           TEXT NOT NULL CHECK (length(number) = 11),
    kind             TEXT NOT NULL CHECK (kind IN ('avis', 'depot', 'facture', 'avoir')),
    lease_id         INTEGER NOT NULL REFERENCES lease(id),
    voucher_id       INTEGER REFERENCES voucher(id),
    value_date       TEXT NOT NULL CHECK (date(value_date) IS value_date),
    period_start     TEXT CHECK (period_start IS NULL OR date(period_start) IS period_start),
    period_end       TEXT CHECK (period_end IS NULL OR date(period_end) IS period_end),
    due_date         TEXT CHECK (due_date IS NULL OR date(due_date) IS due_date),
    -- date de valeur de l'avis précédent de la location (début du relevé imprimé)
    previous_date    TEXT CHECK (previous_date IS NULL OR date(previous_date) IS previous_date),
    -- montants en centimes : solde antérieur, solde après l'avis, différé, total à payer
    previous_balance INTEGER NOT NULL DEFAULT 0 CHECK (typeof(previous_balance) = 'integer'),
    balance          INTEGER NOT NULL DEFAULT 0 CHECK (typeof(balance) = 'integer'),
    deferred         INTEGER NOT NULL DEFAULT 0 CHECK (typeof(deferred) = 'integer'),
    total_due        INTEGER NOT NULL DEFAULT 0 CHECK (typeof(total_due) = 'integer'),
    -- montant facturé (avis : total des lignes FAC ; dépôt, facture, avoir : le montant)
    amount           INTEGER NOT NULL DEFAULT 0 CHECK (typeof(amount) = 'integer'),
    previous_deposits INTEGER NOT NULL DEFAULT 0 CHECK (typeof(previous_deposits) = 'integer'),
    reference        TEXT NOT NULL DEFAULT '',
    -- échéancier demandé (dépôt, facture) : montant de l'échéance et premier avis
    instalment       INTEGER NOT NULL DEFAULT 0 CHECK (typeof(instalment) = 'integer' AND instalment >= 0),
    instalment_start TEXT CHECK (instalment_start IS NULL OR date(instalment_start) IS instalment_start),
    -- destinataire résolu à la génération : nom puis lignes d'adresse, séparés par des sauts de ligne
    recipient        TEXT NOT NULL DEFAULT '',
    run_message      TEXT NOT NULL DEFAULT '',
    message          TEXT NOT NULL DEFAULT '',
    notice_printed   INTEGER NOT NULL DEFAULT 0 CHECK (notice_printed IN (0, 1)),
    receipt_printed  INTEGER NOT NULL DEFAULT 0 CHECK (receipt_printed IN (0, 1)),
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    UNIQUE (landlord_id, number)
);
-- un seul avis par location et période (idempotence de la génération)
CREATE UNIQUE INDEX document_notice_period ON document(lease_id, period_start) WHERE kind = 'avis';
CREATE INDEX document_lease ON document(lease_id, kind);
CREATE INDEX document_voucher ON document(voucher_id);

-- Lignes d'un document : lignes de la période (rubriques) et relevé de compte imprimé.
CREATE TABLE document_line (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id),
    line_no     INTEGER NOT NULL CHECK (line_no >= 1),
    section     TEXT NOT NULL CHECK (section IN ('periode', 'releve')),
    -- rubrique de location (référence du catalogue et début), pour le cumul des plafonds
    item_ref    TEXT NOT NULL DEFAULT '',
    item_start  TEXT CHECK (item_start IS NULL OR date(item_start) IS item_start),
    gestion     TEXT CHECK (gestion IS NULL OR gestion IN ('LO', 'DG', 'DV', 'EV')),
    item_type   TEXT NOT NULL DEFAULT '',
    purpose     TEXT CHECK (purpose IS NULL OR purpose IN ('FAC', 'ECH', 'INF')),
    line_date   TEXT CHECK (line_date IS NULL OR date(line_date) IS line_date),
    label       TEXT NOT NULL DEFAULT '',
    debit       INTEGER NOT NULL DEFAULT 0 CHECK (typeof(debit) = 'integer'),
    credit      INTEGER NOT NULL DEFAULT 0 CHECK (typeof(credit) = 'integer'),
    UNIQUE (document_id, line_no)
);

-- dernier avis de chaque locataire (règle des pièces postérieures aux avis) sans parcourir
-- toutes les pièces
CREATE INDEX voucher_origin ON voucher(landlord_id, origin, tiers_id, value_date);

-- Rubrique d'échéance créée par un appel de dépôt ou une facture : elle part avec lui.
ALTER TABLE lease_item ADD COLUMN document_id INTEGER REFERENCES document(id);

-- == version 4 ==
-- S6 Notes libres d'une location (onglet Notes de la fiche).
ALTER TABLE lease ADD COLUMN notes TEXT NOT NULL DEFAULT '';

-- S11 Clés de répartition d'un immeuble (tantièmes) : une clé regroupe des charges de même
-- nature ; l'ordre 0 désigne la clé proposée par défaut à la saisie des charges. La somme
-- des tantièmes des lots devrait égaler le total de la clé (avertissement, pas une erreur :
-- les lots se saisissent au fur et à mesure).
CREATE TABLE allocation_key (
    id           INTEGER PRIMARY KEY,
    landlord_id  INTEGER NOT NULL REFERENCES landlord(id),
    building_id  INTEGER NOT NULL REFERENCES building(id),
    code         TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 10),
    label        TEXT NOT NULL CHECK (length(label) > 0),
    ord          INTEGER NOT NULL DEFAULT 0 CHECK (typeof(ord) = 'integer' AND ord >= 0),
    total_shares INTEGER NOT NULL CHECK (typeof(total_shares) = 'integer' AND total_shares > 0),
    UNIQUE (building_id, code)
);

-- S11 Tantièmes d'un lot pour une clé (0 = le lot ne reçoit rien de cette clé).
CREATE TABLE allocation_share (
    id          INTEGER PRIMARY KEY,
    landlord_id INTEGER NOT NULL REFERENCES landlord(id),
    key_id      INTEGER NOT NULL REFERENCES allocation_key(id),
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    shares      INTEGER NOT NULL CHECK (typeof(shares) = 'integer' AND shares >= 0),
    UNIQUE (key_id, unit_id)
);
CREATE INDEX allocation_share_unit ON allocation_share(unit_id);

-- Fenêtre Avis : les documents d'une période sans parcourir tout l'historique (la
-- requête compare exactement cette expression).
CREATE INDEX document_period ON document(landlord_id, coalesce(period_end, value_date));

-- == version 5 ==
-- Les contraintes « x IN ('a', 'b', 'c') » des tables écrites en masse (pièces, journal
-- des pièces, documents et leurs lignes) deviennent « x = 'a' OR x = 'b' OR … » : même
-- règle, mais SQLite construisait une table temporaire pour chaque ligne insérée (un
-- sixième du temps de génération des avis). Seul le texte du schéma change, par la
-- procédure que la documentation de SQLite prévoit pour les contraintes CHECK (ALTER
-- TABLE, « making other kinds of table schema changes ») ; le contenu des tables n'est
-- pas touché. Le programme incrémente ensuite schema_version (migrate.rs).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'payment_mode IN (''cheque'', ''especes'', ''virement'', ''prelevement'')',
    '(payment_mode = ''cheque'' OR payment_mode = ''especes'' OR payment_mode = ''virement'' OR payment_mode = ''prelevement'')')
WHERE type = 'table' AND name = 'voucher';
UPDATE sqlite_schema SET sql = replace(sql,
    'kind IN (''creation'', ''modification'', ''suppression'')',
    '(kind = ''creation'' OR kind = ''modification'' OR kind = ''suppression'')')
WHERE type = 'table' AND name = 'ledger_event';
UPDATE sqlite_schema SET sql = replace(sql,
    'kind IN (''avis'', ''depot'', ''facture'', ''avoir'')',
    '(kind = ''avis'' OR kind = ''depot'' OR kind = ''facture'' OR kind = ''avoir'')')
WHERE type = 'table' AND name = 'document';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'gestion IN (''LO'', ''DG'', ''DV'', ''EV'')',
    '(gestion = ''LO'' OR gestion = ''DG'' OR gestion = ''DV'' OR gestion = ''EV'')'),
    'purpose IN (''FAC'', ''ECH'', ''INF'')',
    '(purpose = ''FAC'' OR purpose = ''ECH'' OR purpose = ''INF'')')
WHERE type = 'table' AND name = 'document_line';
PRAGMA writable_schema = RESET;
-- Écritures d'un tiers par date (relevé d'un locataire avisé il y a longtemps) : l'index
-- du tiers borne aussi la date.
DROP INDEX entry_tiers;
CREATE INDEX entry_tiers ON entry(tiers_id, value_date);

-- Remises existantes qu'un règlement peut reprendre ou heurter (numéro saisi, numéros
-- automatiques d'une date) sans parcourir toutes les pièces du bailleur ; seules les
-- pièces qui ont un numéro de remise y figurent (les avis n'en ont pas).
CREATE INDEX voucher_batch ON voucher(landlord_id, batch_no, value_date, payment_mode) WHERE batch_no <> '';

-- == version 6 ==
-- Les écritures d'un tiers se lisent par l'index des soldes, compte par compte (les
-- comptes du bailleur sont quelques dizaines) : l'index du tiers, où chaque avis et chaque
-- règlement ajoutait une entrée au milieu de l'index (une page de plus à écrire par
-- locataire et par traitement), disparaît.
DROP INDEX entry_tiers;
-- Dernier avis de chaque locataire : un index des seules pièces d'avis, par tiers et
-- date. L'ancien index de toutes les pièces par origine recevait aussi chaque règlement
-- au milieu de la partie « saisie » (une page de plus à écrire par locataire réglé).
DROP INDEX voucher_origin;
CREATE INDEX voucher_notice ON voucher(tiers_id, value_date) WHERE origin = 'avis';
-- Documents d'une location : un seul index (location, type, début de période), qui porte
-- aussi la règle « un avis par location et par période » (les autres documents n'ont pas
-- de période : NULL, jamais en double). Il remplace l'index unique des avis et l'index
-- (location, type) : deux pages de moins à écrire par avis, une seule de plus.
DROP INDEX document_notice_period;
DROP INDEX document_lease;
CREATE UNIQUE INDEX document_lease ON document(lease_id, kind, period_start);

-- == version 7 ==
-- S15 Fichiers de prélèvements SEPA (pain.008) remis à la banque, et leurs
-- prélèvements : un même prélèvement (locataire, date de prélèvement de la liste) ne
-- part pas deux fois par mégarde, et le premier prélèvement d'un mandat (RUM) est FRST,
-- les suivants RCUR. Le fichier ne passe aucune écriture : le grand livre n'en sait rien.
CREATE TABLE debit_file (
    id              INTEGER PRIMARY KEY,
    landlord_id     INTEGER NOT NULL REFERENCES landlord(id),
    msg_id          TEXT NOT NULL CHECK (length(msg_id) BETWEEN 1 AND 35),
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    collection_date TEXT NOT NULL CHECK (date(collection_date) IS collection_date),
    file_name       TEXT NOT NULL DEFAULT '',
    pain_version    TEXT NOT NULL CHECK (pain_version IN ('001.08', '001.02')),
    debit_count     INTEGER NOT NULL CHECK (debit_count >= 1),
    control_sum     INTEGER NOT NULL CHECK (typeof(control_sum) = 'integer' AND control_sum > 0),
    UNIQUE (landlord_id, msg_id)
);

CREATE TABLE debit_file_line (
    id              INTEGER PRIMARY KEY,
    landlord_id     INTEGER NOT NULL REFERENCES landlord(id),
    file_id         INTEGER NOT NULL REFERENCES debit_file(id),
    line_no         INTEGER NOT NULL CHECK (line_no >= 1),
    tenant_id       INTEGER NOT NULL REFERENCES tenant(id),
    lease_id        INTEGER NOT NULL REFERENCES lease(id),
    debit_date      TEXT NOT NULL CHECK (date(debit_date) IS debit_date),
    end_to_end_id   TEXT NOT NULL CHECK (length(end_to_end_id) BETWEEN 1 AND 35),
    amount          INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    sequence_type   TEXT NOT NULL CHECK (sequence_type IN ('FRST', 'RCUR', 'FNAL', 'OOFF')),
    mandate_ref     TEXT NOT NULL CHECK (length(mandate_ref) BETWEEN 1 AND 35),
    UNIQUE (file_id, line_no),
    UNIQUE (landlord_id, end_to_end_id),
    UNIQUE (landlord_id, tenant_id, debit_date)
);
-- Mandats déjà employés (FRST ou RCUR) : par bailleur et RUM.
CREATE INDEX debit_file_line_mandate ON debit_file_line(landlord_id, mandate_ref);

-- == version 8 ==
-- S15 étape 5 : retours de la banque sur les prélèvements (camt.054 : crédités ou
-- retournés ; pain.002 : rejetés) et ce qu'ils ont fait de chaque prélèvement envoyé.
-- Un retour (identifié par son MsgId, son empreinte gardée pour reconnaître un autre
-- fichier au même MsgId) ne s'importe qu'une fois ; un prélèvement n'est réglé qu'une
-- fois et rejeté qu'une fois. Les pièces (règlement, contre-passation) sont au grand
-- livre ; on garde ici leur numéro.
CREATE TABLE debit_return (
    id              INTEGER PRIMARY KEY,
    landlord_id     INTEGER NOT NULL REFERENCES landlord(id),
    msg_id          TEXT NOT NULL CHECK (length(msg_id) BETWEEN 1 AND 35),
    kind            TEXT NOT NULL CHECK (kind IN ('camt.054', 'pain.002')),
    version         TEXT NOT NULL CHECK (version IN ('001.02', '001.08', '001.03', '001.10')),
    content_hash    TEXT NOT NULL CHECK (length(content_hash) = 64),
    imported_at     TEXT NOT NULL,
    imported_by     TEXT NOT NULL,
    file_name       TEXT NOT NULL DEFAULT '',
    UNIQUE (landlord_id, msg_id)
);

CREATE TABLE debit_outcome (
    id              INTEGER PRIMARY KEY,
    landlord_id     INTEGER NOT NULL REFERENCES landlord(id),
    line_id         INTEGER NOT NULL REFERENCES debit_file_line(id),
    return_id       INTEGER NOT NULL REFERENCES debit_return(id),
    outcome         TEXT NOT NULL CHECK (outcome IN ('paid', 'rejected')),
    event_date      TEXT NOT NULL CHECK (date(event_date) IS event_date),
    amount          INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    reason_code     TEXT NOT NULL DEFAULT '' CHECK (length(reason_code) <= 4),
    voucher_number  TEXT NOT NULL DEFAULT '',
    UNIQUE (line_id, outcome)
);
CREATE INDEX debit_outcome_landlord ON debit_outcome(landlord_id, outcome, event_date);

-- == version 9 ==
-- S12 Révision des loyers. Conditions de révision d'un lot (onglet « Occupation ») ou
-- d'une location (onglet « Révision ») : série d'indices, trimestre et valeur de
-- l'indice de référence (centièmes de point), date de la dernière révision, révision
-- automatique ; la classe énergétique (DPE) du lot (F ou G : loyer gelé). Une ligne au
-- plus par lot ou par location, retirée avec lui.
CREATE TABLE revision_terms (
    id               INTEGER PRIMARY KEY,
    landlord_id      INTEGER NOT NULL REFERENCES landlord(id),
    unit_id          INTEGER UNIQUE REFERENCES unit(id) ON DELETE CASCADE,
    lease_id         INTEGER UNIQUE REFERENCES lease(id) ON DELETE CASCADE,
    series           TEXT NOT NULL DEFAULT 'IRL' CHECK (series IN ('IRL', 'ICC4')),
    reference_year   INTEGER CHECK (reference_year IS NULL OR reference_year BETWEEN 1950 AND 2200),
    reference_quarter INTEGER CHECK (reference_quarter IS NULL OR reference_quarter BETWEEN 1 AND 4),
    reference_value  INTEGER NOT NULL DEFAULT 0 CHECK (typeof(reference_value) = 'integer' AND reference_value >= 0),
    last_revision    TEXT CHECK (last_revision IS NULL OR date(last_revision) IS last_revision),
    auto             INTEGER NOT NULL DEFAULT 1 CHECK (auto IN (0, 1)),
    dpe_class        TEXT NOT NULL DEFAULT '' CHECK (dpe_class IN ('', 'A', 'B', 'C', 'D', 'E', 'F', 'G')),
    CHECK ((unit_id IS NULL) <> (lease_id IS NULL)),
    CHECK ((reference_year IS NULL) = (reference_quarter IS NULL))
);
-- Un trimestre d'indice qui a servi à une révision ne change plus.
ALTER TABLE rent_index ADD COLUMN used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1));

-- == version 10 ==
-- S14 Sortie et solde de tout compte. Les motifs de sortie s'étendent au décès, à
-- l'expulsion et aux autres départs définitifs (même procédure que la version 5 pour
-- changer le texte d'une contrainte CHECK, contenu des tables intact) ; le document
-- « solde de tout compte » (type « solde ») rejoint les documents des locataires.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'move_out_reason IN (''depart'', ''mutation'')',
    'move_out_reason IN (''depart'', ''mutation'', ''deces'', ''expulsion'', ''autre'')')
WHERE type = 'table' AND name = 'lease';
UPDATE sqlite_schema SET sql = replace(sql,
    '(kind = ''avis'' OR kind = ''depot'' OR kind = ''facture'' OR kind = ''avoir'')',
    '(kind = ''avis'' OR kind = ''depot'' OR kind = ''facture'' OR kind = ''avoir'' OR kind = ''solde'')')
WHERE type = 'table' AND name = 'document';
PRAGMA writable_schema = RESET;
-- Loi du 6 juillet 1989, art. 22 : remise des clés et état des lieux de sortie d'une
-- location (conforme à celui d'entrée ou non), d'où le délai de restitution du dépôt.
CREATE TABLE lease_exit (
    id            INTEGER PRIMARY KEY,
    landlord_id   INTEGER NOT NULL REFERENCES landlord(id),
    lease_id      INTEGER NOT NULL UNIQUE REFERENCES lease(id),
    keys_returned TEXT CHECK (keys_returned IS NULL OR date(keys_returned) IS keys_returned),
    inventory     TEXT CHECK (inventory IS NULL OR inventory IN ('conforme', 'different'))
);

-- == version 11 ==
-- S13 Fichiers CAF traités : chaque fichier (reconnu à l'empreinte SHA-256 de son
-- contenu) garde son en-tête et la pièce de sa dernière exécution, qu'un nouveau
-- traitement du même fichier supprime par le grand livre avant de reposter. Et le
-- dernier état CAF de chaque numéro allocataire (7 chiffres, la lettre n'identifie
-- pas) : liste de synthèse des aides au logement. Rangé à part des allocations, que
-- l'enregistrement d'une fiche locataire remplace.
CREATE TABLE caf_run (
    id             INTEGER PRIMARY KEY,
    landlord_id    INTEGER NOT NULL REFERENCES landlord(id),
    content_hash   TEXT NOT NULL CHECK (length(content_hash) = 64),
    file_date      TEXT NOT NULL CHECK (date(file_date) IS file_date),
    nature         TEXT NOT NULL CHECK (nature IN ('APL', 'AL')),
    operation      TEXT NOT NULL CHECK (operation IN ('01', '02', '03')),
    payer          TEXT NOT NULL,
    file_name      TEXT NOT NULL DEFAULT '',
    processed_at   TEXT NOT NULL,
    processed_by   TEXT NOT NULL,
    voucher_number TEXT,
    UNIQUE (landlord_id, content_hash)
);

CREATE TABLE caf_status (
    id           INTEGER PRIMARY KEY,
    landlord_id  INTEGER NOT NULL REFERENCES landlord(id),
    claimant_key TEXT NOT NULL CHECK (length(claimant_key) = 7 AND claimant_key NOT GLOB '*[^0-9]*'),
    claimant_no  TEXT NOT NULL,
    nature       TEXT NOT NULL CHECK (nature IN ('APL', 'AL')),
    payer        TEXT NOT NULL,
    file_date    TEXT NOT NULL CHECK (date(file_date) IS file_date),
    status       TEXT NOT NULL DEFAULT '',
    gestion      TEXT NOT NULL DEFAULT '',
    amount       INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),
    UNIQUE (landlord_id, claimant_key)
);

-- == version 12 ==
-- S11 Une écriture de charge collective désigne sa clé de répartition : la clé ne peut
-- plus changer (total, tantièmes) ni disparaître tant qu'une écriture l'emploie.
ALTER TABLE entry ADD COLUMN allocation_key_id INTEGER REFERENCES allocation_key(id);
CREATE INDEX entry_allocation_key ON entry(allocation_key_id) WHERE allocation_key_id IS NOT NULL;
