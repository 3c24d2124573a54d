-- Version 2 : pièces comptables et écritures (S7).
-- Une pièce est créée « ouverte » (sealed = 0), reçoit ses écritures, puis est scellée
-- dans la même transaction : le scellement refuse une pièce déséquilibrée ou vide, et
-- plus aucune écriture d'une pièce scellée ne peut être ajoutée, changée ou supprimée.
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
    -- empreinte SHA-256 chaînée à la pièce précédente du bailleur (traçabilité)
    prev_hash     TEXT NOT NULL DEFAULT '',
    hash          TEXT NOT NULL DEFAULT '',
    UNIQUE (landlord_id, number)
);
CREATE INDEX voucher_date ON voucher(landlord_id, value_date);
CREATE INDEX voucher_lease ON voucher(lease_id);

-- Bailleur en cours de suppression complète (recréation de la démonstration) : seul cas
-- où les écritures de pièces scellées peuvent disparaître, avec le bailleur entier.
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
    CHECK ((debit = 0) <> (credit = 0)),
    UNIQUE (voucher_id, line_no)
);
CREATE INDEX entry_account ON entry(account_id, tiers_id);
CREATE INDEX entry_tiers ON entry(tiers_id);

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
WHEN OLD.sealed = 1 AND NEW.sealed = 0
BEGIN SELECT RAISE(ABORT, 'pièce scellée : elle ne peut pas être rouverte'); END;
