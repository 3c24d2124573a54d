//! Traitements : chacun dans son fichier.

pub mod caf;
pub mod debit_file;
pub mod demo;
pub mod deposit;
pub mod direct_debit;
pub mod generate;
pub mod import;
pub mod notices;
pub mod payments;
pub mod print;
pub mod printer;
pub mod receipts;
pub mod setup;
pub mod unpaid;
