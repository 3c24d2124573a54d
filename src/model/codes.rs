//! Listes de codes du métier (périodicité, terme, mode de règlement…) : chaque valeur a
//! un code stocké en base et un libellé français ; la lecture accepte l'un ou l'autre,
//! sans tenir compte de la casse ni des accents.

/// Normalise pour comparer des saisies : minuscules, sans accents, espaces/tirets → `_`.
pub fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            ' ' | '-' | '\'' => '_',
            other => other,
        })
        .collect()
}

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Toutes les valeurs, dans l'ordre de présentation.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Code stocké en base et écrit dans les fichiers.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Libellé français affiché.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Lit un code ou un libellé (casse et accents indifférents).
            pub fn parse(text: &str) -> Result<Self, String> {
                // le code tel que la base le stocke, sans repli de casse ni d'accents
                $(
                    if text == $code {
                        return Ok($name::$variant);
                    }
                )+
                let folded = $crate::model::codes::fold(text);
                $(
                    if folded == $crate::model::codes::fold($code)
                        || folded == $crate::model::codes::fold($label)
                    {
                        return Ok($name::$variant);
                    }
                )+
                Err(format!(
                    "« {} » : valeur inconnue pour {} (valeurs possibles : {})",
                    text.trim(),
                    $what,
                    [$($code),+].join(", ")
                ))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

code_enum!(
    /// Périodicité des avis (périodicité).
    Frequency, "la périodicité" {
        Monthly = "mensuelle" / "Mensuelle",
        Quarterly = "trimestrielle" / "Trimestrielle",
    }
);

code_enum!(
    /// Terme des avis : échu (après la période) ou à échoir (avant).
    Term, "le terme" {
        Arrears = "echu" / "Échu",
        Advance = "a_echoir" / "À échoir",
    }
);

code_enum!(
    /// Mode de règlement.
    PaymentMode, "le mode de règlement" {
        Cheque = "cheque" / "Chèque",
        Cash = "especes" / "Espèces",
        Transfer = "virement" / "Virement",
        DirectDebit = "prelevement" / "Prélèvement",
    }
);

code_enum!(
    /// Type de contrat de location.
    ContractType, "le type de contrat" {
        Temporary = "temporaire" / "Temporaire",
        Durable = "durable" / "Durable",
        Sublease = "sous_location" / "Sous-location",
        SlidingLease = "bail_glissant" / "Bail glissant",
        SocialResidence = "residence_sociale" / "Résidence sociale",
    }
);

code_enum!(
    /// Motif de sortie : départ définitif (départ, décès, expulsion, autre) ou mutation
    /// vers un autre lot du bailleur (S14).
    MoveOutReason, "le motif de sortie" {
        Departure = "depart" / "Départ définitif",
        Transfer = "mutation" / "Mutation",
        Death = "deces" / "Décès",
        Eviction = "expulsion" / "Expulsion",
        Other = "autre" / "Autre",
    }
);

impl MoveOutReason {
    /// Départ définitif : les comptes du locataire se soldent (solde de tout compte) ;
    /// une mutation les continue sur la nouvelle location.
    pub fn is_definitive(self) -> bool {
        self != MoveOutReason::Transfer
    }
}

code_enum!(
    /// État des lieux de sortie comparé à celui d'entrée (loi 1989, art. 22 : un mois
    /// pour restituer le dépôt s'il est conforme, deux sinon).
    ExitInventory, "l'état des lieux de sortie" {
        Conform = "conforme" / "Conforme",
        Different = "different" / "Différent",
    }
);

code_enum!(
    /// Compte de gestion du locataire (LO loyer, DG dépôt, DV divers, EV épargne).
    Gestion, "le compte de gestion" {
        Rent = "LO" / "Loyer",
        Deposit = "DG" / "Dépôt de garantie",
        Misc = "DV" / "Divers hors loyer",
        Savings = "EV" / "Épargne volontaire",
    }
);

code_enum!(
    /// Objet d'une rubrique : facturation, échéance, information.
    ItemPurpose, "l'objet de rubrique" {
        Billing = "FAC" / "Facturation",
        Instalment = "ECH" / "Échéance",
        Information = "INF" / "Information",
    }
);

code_enum!(
    /// Type de tiers.
    ThirdPartyKind, "le type de tiers" {
        Tenant = "locataire" / "Locataire",
        Supplier = "fournisseur" / "Fournisseur",
        PublicBody = "organisme_public" / "Organisme public",
        PayerBody = "organisme_payeur" / "Organisme payeur",
        Syndic = "syndic" / "Syndic",
        Notary = "notaire" / "Notaire",
        Treasury = "tresorerie" / "Trésorerie",
        Other = "autre" / "Autre",
    }
);

code_enum!(
    /// Lot principal (logement) ou secondaire (cave, parking).
    UnitKind, "le type de lot" {
        Principal = "principal" / "Principal",
        Secondary = "secondaire" / "Secondaire",
    }
);

code_enum!(
    /// État du locataire : candidat tant qu'aucune location ne lui est rattachée.
    TenantState, "l'état du locataire" {
        Candidate = "candidat" / "Candidat",
        Tenant = "locataire" / "Locataire",
    }
);

code_enum!(
    /// Type de journal comptable.
    JournalKind, "le type de journal" {
        Purchases = "achats" / "Achats",
        Sales = "ventes" / "Ventes",
        Treasury = "tresorerie" / "Trésorerie",
        Miscellaneous = "od" / "OD",
    }
);

code_enum!(
    /// Rôle d'un utilisateur.
    Role, "le rôle" {
        Manager = "gestionnaire" / "Gestionnaire",
        SocialWorker = "travailleur_social" / "Travailleur social",
        Accountant = "comptable" / "Comptable",
        Administrator = "administrateur" / "Administrateur",
    }
);

code_enum!(
    /// Sens normal d'un compte.
    Side, "le sens" {
        Debit = "D" / "Débit",
        Credit = "C" / "Crédit",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_labels_ignoring_case_and_accents() {
        assert_eq!(Term::parse("à échoir"), Ok(Term::Advance));
        assert_eq!(Term::parse("A_ECHOIR"), Ok(Term::Advance));
        assert_eq!(Term::parse("Échu"), Ok(Term::Arrears));
        assert_eq!(
            PaymentMode::parse("Prélèvement"),
            Ok(PaymentMode::DirectDebit)
        );
        assert_eq!(Gestion::parse("lo"), Ok(Gestion::Rent));
        assert_eq!(
            ContractType::parse("Sous-location"),
            Ok(ContractType::Sublease)
        );
    }

    #[test]
    fn unknown_code_lists_the_allowed_values() {
        assert_eq!(
            Frequency::parse("annuelle"),
            Err("« annuelle » : valeur inconnue pour la périodicité (valeurs possibles : mensuelle, trimestrielle)"
                .to_string())
        );
    }
}

code_enum!(
    /// Nature d'un document destiné au locataire (fenêtre Avis).
    DocumentKind, "la nature de document" {
        Notice = "avis" / "Avis d'échéance",
        DepositCall = "depot" / "Appel du dépôt de garantie",
        Invoice = "facture" / "Facture",
        CreditNote = "avoir" / "Avoir",
        Settlement = "solde" / "Solde de tout compte",
    }
);

impl DocumentKind {
    /// Lettre de tête du numéro de document.
    pub fn letter(self) -> char {
        match self {
            DocumentKind::Notice => 'A',
            DocumentKind::DepositCall => 'D',
            DocumentKind::Invoice => 'F',
            DocumentKind::CreditNote => 'V',
            DocumentKind::Settlement => 'S',
        }
    }
}
