//! The workspace's CAC model: read (Switchboard's defaults until it is set), set, and what the
//! workspace has observed of conversion per fit segment beside it.

use switchboard_core::cac::{CacError, CacModel};
use switchboard_store::cac::{self as store, Observed};
use switchboard_store::settings;

use crate::{Error, Result, Workspace};

impl Workspace {
    pub async fn cac_model(&self) -> Result<CacModel> {
        let text = self.db.call(|c| settings::get(c, settings::CAC_MODEL)).await?;
        let Some(text) = text else { return Ok(CacModel::default()) };
        let value: serde_json::Value = serde_json::from_str(&text)?;
        CacModel::from_json(&value).map_err(|e| Error::InvalidOptions(e.to_string()))
    }

    pub async fn set_cac_model(&self, model: &CacModel) -> Result<()> {
        let text = model.to_json().to_string();
        Ok(self.db.call(move |c| settings::set(c, settings::CAC_MODEL, &text)).await?)
    }

    /// Per fit segment: companies scored, and those with a person who signed up.
    pub async fn observed_conversion(&self) -> Result<Vec<Observed>> {
        Ok(self.db.call(|c| store::observed_by_fit(c)).await?)
    }
}

impl From<CacError> for Error {
    fn from(e: CacError) -> Error {
        Error::InvalidOptions(e.to_string())
    }
}
