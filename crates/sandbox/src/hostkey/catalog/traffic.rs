//! Traffic plans (`traffic_plans.php`): the document's two 3 Tb VM plans and
//! a few bare-metal ones. Limits are in Tb, rates in EUR per Tb, bandwidth in
//! Mbit/s; `locations` keeps the document's trailing comma.

use super::Kind;
use serde_json::{json, Value};

/// One traffic plan.
pub(in crate::hostkey) struct Plan {
    pub id: u64,
    pub name: &'static str,
    pub limit_in: u32,
    pub limit_out: u32,
    pub rate_in: u32,
    pub rate_out: u32,
    pub bandwidth: u32,
    pub locations: &'static str,
    pub price: u32,
    pub main_plan: u64,
    /// `vm` or `bm`.
    pub platform: &'static str,
}

/// The catalogue.
pub(in crate::hostkey) const PLANS: &[Plan] = &[
    Plan {
        id: 25,
        name: "3Tb traffic (1Gbps) VM",
        limit_in: 999,
        limit_out: 3,
        rate_in: 0,
        rate_out: 2,
        bandwidth: 1000,
        locations: "NL,US,FI,DE,IS,TR,UK,",
        price: 0,
        main_plan: 37,
        platform: "vm",
    },
    Plan {
        id: 37,
        name: "3Tb traffic (1Gbps) VM",
        limit_in: 999,
        limit_out: 3,
        rate_in: 0,
        rate_out: 180,
        bandwidth: 1000,
        locations: "NL,US,FI,DE,IS,TR,UK,",
        price: 0,
        main_plan: 25,
        platform: "vm",
    },
    Plan {
        id: 41,
        name: "10Tb traffic (1Gbps) BM",
        limit_in: 999,
        limit_out: 10,
        rate_in: 0,
        rate_out: 2,
        bandwidth: 1000,
        locations: "NL,US,FI,DE,IS,TR,UK,",
        price: 0,
        main_plan: 41,
        platform: "bm",
    },
    Plan {
        id: 43,
        name: "Unmetered (100Mbps) BM",
        limit_in: 999,
        limit_out: 999,
        rate_in: 0,
        rate_out: 0,
        bandwidth: 100,
        locations: "NL,FI,DE,",
        price: 0,
        main_plan: 43,
        platform: "bm",
    },
    Plan {
        id: 45,
        name: "30Tb traffic (10Gbps) BM",
        limit_in: 999,
        limit_out: 30,
        rate_in: 0,
        rate_out: 2,
        bandwidth: 10_000,
        locations: "NL,FI,",
        price: 50,
        main_plan: 41,
        platform: "bm",
    },
];

/// The plan with this id.
pub(in crate::hostkey) fn find(id: u64) -> Option<&'static Plan> {
    PLANS.iter().find(|p| p.id == id)
}

impl Plan {
    /// True when sold in `location`.
    pub fn sold_in(&self, location: &str) -> bool {
        self.locations.split(',').any(|l| l == location)
    }

    /// True when it applies to `kind` (vGPU VMs take VM plans, GPU servers bare-metal ones).
    pub fn fits(&self, kind: Kind) -> bool {
        self.platform == if kind.is_virtual() { "vm" } else { "bm" }
    }

    /// The plan as traffic_plans/list prints it.
    pub fn json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "limit_in": self.limit_in,
            "limit_out": self.limit_out,
            "rate_in": self.rate_in,
            "rate_out": self.rate_out,
            "bandwidth": self.bandwidth,
            "locations": self.locations,
            "currency_id": 0,
            "active": 1,
            "web_plan": 0,
            "price": self.price,
            "main_plan": self.main_plan,
            "tags": [{
                "id": 11_449 + self.id,
                "component": "traffic_plans",
                "component_id": self.id,
                "tag": self.platform,
                "value": "true",
                "extra": "",
                "internal": 1,
            }],
        })
    }
}
