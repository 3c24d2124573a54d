//! Traitements : chacun dans son fichier.

pub mod demo;
pub mod import;
pub mod setup;
