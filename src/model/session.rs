//! Qui travaille, pour quel bailleur, et les erreurs de la base : ce que le grand livre,
//! les traitements et l'interface partagent avec le store, quel que soit le moteur de
//! base de données (SQLite aujourd'hui, PostgreSQL demain). Aucun type du moteur ici.

use super::{Invalid, Role};

/// Erreurs du store, en français, qui disent quoi corriger.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Erreur du moteur de base de données, avec son texte (converti dans `store`).
    #[error("erreur de la base de données : {0}")]
    Database(String),
    #[error("impossible d'ouvrir « {path} » : {reason}")]
    Open { path: String, reason: String },
    #[error("impossible de sauvegarder la base dans « {path} » : {reason}")]
    Backup { path: String, reason: String },
    #[error(
        "ce fichier a été créé par une version plus récente d'Abri (schéma {found}, cette version connaît le schéma {known}) : mettez Abri à jour avant de l'ouvrir"
    )]
    TooNew { found: i64, known: i64 },
    #[error(
        "ce fichier n'est pas une base Abri (aucune version de schéma, mais des tables inconnues)"
    )]
    NotAbri,
    #[error(
        "la mise à jour du schéma {from} → {to} a échoué, la base est restée intacte : {reason}"
    )]
    Migration { from: i64, to: i64, reason: String },
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(" ; "))]
    Invalid(Vec<Invalid>),
    #[error("{what} « {reference} » existe déjà")]
    Duplicate {
        what: &'static str,
        reference: String,
    },
    #[error("{what} « {reference} » inconnu(e) : créez-le (la) d'abord ou corrigez la référence")]
    Unknown {
        what: &'static str,
        reference: String,
    },
    #[error("bailleur « {0} » inconnu")]
    UnknownLandlord(String),
    #[error(
        "donnée illisible en base ({table}.{column} = « {value} ») : lancez « abri verifier »"
    )]
    Corrupt {
        table: &'static str,
        column: &'static str,
        value: String,
    },
    /// Parcours arrêté par celui qui le reçoit (son erreur est rendue à la place).
    #[error("lecture interrompue")]
    Interrupted,
}

impl From<Vec<Invalid>> for StoreError {
    fn from(errors: Vec<Invalid>) -> Self {
        StoreError::Invalid(errors)
    }
}

/// Qui travaille, pour quel bailleur : toute lecture ou écriture métier passe par là.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub landlord_id: i64,
    pub landlord_code: String,
    pub user: String,
    /// Rôle de l'utilisateur. Tant que la connexion par mot de passe n'existe pas, la
    /// ligne de commande et l'application ouvrent une session « administrateur » (poste
    /// local, propriétaire du fichier).
    pub role: Role,
}
