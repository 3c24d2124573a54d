//! Les fenêtres de l'application : chacune a son état, ses messages, `update` et `view`,
//! et signale à l'application ce qui la concerne par un `Event`.

pub mod buildings;
pub mod leases;
pub mod list;
pub mod tenants;
pub mod third_parties;
pub mod units;
