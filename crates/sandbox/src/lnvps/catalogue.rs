//! What LNVPS sells: regions, VM templates (the seed's `VPS-Small` first),
//! the custom-build plan and its price formula, OS images, IP space and its
//! block prices, the accepted payment methods and the exchange rates that
//! turn euro prices into satoshis.

use serde::Deserialize;
use serde_json::{json, Value};

use super::time::rfc3339;

/// One gibibyte in bytes (the documents' "1 GB").
pub(super) const GIB: u64 = 1_073_741_824;
/// Satoshis per euro cent: 500 cents (the seed's `VPS-Small`) bill as the
/// seed's 21 000 sat invoice.
pub(super) const SATS_PER_EUR_CENT: u64 = 42;
/// How far ahead a VM may be paid for.
pub(super) const MAX_PREPAY_DAYS: u64 = 365;

/// Euro cents in satoshis.
pub(super) fn sats(cents: u64) -> u64 {
    cents.saturating_mul(SATS_PER_EUR_CENT)
}

/// A price object: `{"currency": …, "amount": …}`.
pub(super) fn price(currency: &str, amount: u64) -> Value {
    json!({ "currency": currency, "amount": amount })
}

/// Disk media.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum DiskType {
    /// Spinning disk.
    Hdd,
    /// Solid state.
    Ssd,
}

impl DiskType {
    fn name(self) -> &'static str {
        match self {
            DiskType::Hdd => "hdd",
            DiskType::Ssd => "ssd",
        }
    }
}

/// Disk bus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum DiskInterface {
    /// SATA.
    Sata,
    /// SCSI.
    Scsi,
    /// NVMe over PCIe.
    Pcie,
}

impl DiskInterface {
    fn name(self) -> &'static str {
        match self {
            DiskInterface::Sata => "sata",
            DiskInterface::Scsi => "scsi",
            DiskInterface::Pcie => "pcie",
        }
    }
}

/// CPU architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Arch {
    /// x86-64.
    X86_64,
    /// 64-bit ARM.
    Arm64,
}

impl Arch {
    /// The name LNVPS prints.
    pub(super) fn name(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }

    /// The `?arch=` filter value (`x86_64`, `amd64`, `arm64`, `aarch64`).
    pub(super) fn parse(text: &str) -> Option<Arch> {
        match text {
            "x86_64" | "amd64" => Some(Arch::X86_64),
            "arm64" | "aarch64" => Some(Arch::Arm64),
            _ => None,
        }
    }
}

/// A data-centre location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Region {
    id: u64,
    name: &'static str,
}

impl Region {
    fn to_json(self) -> Value {
        json!({ "id": self.id, "name": self.name, "company_id": 1 })
    }
}

const DUBLIN: Region = Region {
    id: 1,
    name: "Dublin",
};
const LONDON: Region = Region {
    id: 2,
    name: "London",
};

/// The hardware one VM gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Spec {
    /// vCPUs.
    pub(super) cpu: u16,
    /// Memory, bytes.
    pub(super) memory: u64,
    /// Disk, bytes.
    pub(super) disk: u64,
    /// Disk media.
    pub(super) disk_type: DiskType,
    /// Disk bus.
    pub(super) disk_interface: DiskInterface,
    /// IPv4 addresses.
    pub(super) ip4: u8,
    /// IPv6 addresses.
    pub(super) ip6: u8,
}

/// A VM template: a catalogue plan, or the custom build a VM was ordered or upgraded to.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Template {
    /// Template id.
    pub(super) id: u64,
    /// Plan name.
    pub(super) name: String,
    created_ms: u64,
    /// The hardware.
    pub(super) spec: Spec,
    /// Monthly price in euro cents.
    pub(super) cents: u64,
    region: Region,
    cpu_mfg: &'static str,
    /// CPU architecture.
    pub(super) arch: Arch,
}

impl Template {
    /// The monthly price in satoshis.
    pub(super) fn sats(&self) -> u64 {
        sats(self.cents)
    }

    /// `VmTemplate` JSON.
    pub(super) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "created": rfc3339(self.created_ms),
            "cpu": self.spec.cpu,
            "memory": self.spec.memory,
            "disk_size": self.spec.disk,
            "disk_type": self.spec.disk_type.name(),
            "disk_interface": self.spec.disk_interface.name(),
            "cost_plan": {
                "id": self.id,
                "name": self.name,
                "currency": "EUR",
                "amount": self.cents,
                "other_price": [price("BTC", self.sats())],
                "interval_amount": 1,
                "interval_type": "month",
            },
            "region": self.region.to_json(),
            "cpu_mfg": self.cpu_mfg,
            "cpu_arch": self.arch.name(),
            "ip4_count": self.spec.ip4,
            "ip6_count": self.spec.ip6,
        })
    }

    /// The same template with `spec`, repriced by the custom plan, as template `id`.
    pub(super) fn upgraded(&self, id: u64, spec: Spec, created_ms: u64) -> Template {
        let cents =
            (self.cents + CUSTOM.list_price(&spec)).saturating_sub(CUSTOM.list_price(&self.spec));
        Template {
            id,
            name: "Custom".into(),
            created_ms,
            spec,
            cents,
            ..self.clone()
        }
    }
}

const TEMPLATES_CREATED_MS: u64 = 1_735_689_600_000;

fn plan(
    id: u64,
    name: &str,
    cpu: u16,
    memory_gib: u64,
    disk_gib: u64,
    disk: (DiskType, DiskInterface),
    cents: u64,
) -> Template {
    Template {
        id,
        name: name.into(),
        created_ms: TEMPLATES_CREATED_MS,
        spec: Spec {
            cpu,
            memory: memory_gib * GIB,
            disk: disk_gib * GIB,
            disk_type: disk.0,
            disk_interface: disk.1,
            ip4: 1,
            ip6: 1,
        },
        cents,
        region: DUBLIN,
        cpu_mfg: "amd",
        arch: Arch::X86_64,
    }
}

/// The catalogue's templates, `VPS-Small` (the seed's example) first.
pub(super) fn templates() -> Vec<Template> {
    const NVME: (DiskType, DiskInterface) = (DiskType::Ssd, DiskInterface::Pcie);
    vec![
        plan(1, "VPS-Small", 1, 1, 20, NVME, 500),
        plan(2, "VPS-Medium", 2, 2, 40, NVME, 900),
        plan(3, "VPS-Large", 4, 8, 80, NVME, 2_000),
        plan(4, "VPS-XL", 8, 16, 160, NVME, 3_800),
        Template {
            region: LONDON,
            cpu_mfg: "intel",
            ..plan(
                5,
                "Storage-2T",
                2,
                4,
                2_048,
                (DiskType::Hdd, DiskInterface::Sata),
                1_600,
            )
        },
        Template {
            region: LONDON,
            cpu_mfg: "ampere",
            arch: Arch::Arm64,
            ..plan(6, "ARM-Small", 2, 4, 40, NVME, 700)
        },
    ]
}

/// The catalogue template `id`.
pub(super) fn template(id: u64) -> Option<Template> {
    templates().into_iter().find(|t| t.id == id)
}

/// Disk sizes and price for one disk kind of the custom plan.
#[derive(Debug, Clone, Copy)]
struct DiskRange {
    disk_type: DiskType,
    disk_interface: DiskInterface,
    min: u64,
    max: u64,
    /// Euro cents per 10 GiB per month.
    cents_per_10_gib: u64,
}

/// The custom-build plan: limits and per-unit monthly prices.
#[derive(Debug, Clone, Copy)]
pub(super) struct CustomPlan {
    /// Pricing id (`pricing_id` in requests).
    pub(super) id: u64,
    region: Region,
    cpu_mfg: &'static str,
    arch: Arch,
    cpu: (u16, u16),
    memory: (u64, u64),
    ip4: (u8, u8),
    ip6: (u8, u8),
    disks: [DiskRange; 2],
    cents_per_cpu: u64,
    cents_per_gib: u64,
    cents_per_ip4: u64,
}

/// The one custom plan (id 2, as in the document's example).
pub(super) const CUSTOM: CustomPlan = CustomPlan {
    id: 2,
    region: DUBLIN,
    cpu_mfg: "amd",
    arch: Arch::X86_64,
    cpu: (1, 8),
    memory: (GIB, 32 * GIB),
    ip4: (1, 4),
    ip6: (0, 16),
    disks: [
        DiskRange {
            disk_type: DiskType::Ssd,
            disk_interface: DiskInterface::Pcie,
            min: 10 * GIB,
            max: 1_024 * GIB,
            cents_per_10_gib: 25,
        },
        DiskRange {
            disk_type: DiskType::Hdd,
            disk_interface: DiskInterface::Sata,
            min: 100 * GIB,
            max: 4_096 * GIB,
            cents_per_10_gib: 10,
        },
    ],
    cents_per_cpu: 150,
    cents_per_gib: 100,
    cents_per_ip4: 100,
};

/// `units * cents / per`, rounded up.
fn prorate(units: u64, cents: u64, per: u64) -> u64 {
    let total = (u128::from(units) * u128::from(cents)).div_ceil(u128::from(per));
    u64::try_from(total).unwrap_or(u64::MAX)
}

impl CustomPlan {
    /// The `custom_template` entry of `GET /vm/templates`.
    pub(super) fn to_json(self) -> Value {
        json!({
            "id": self.id,
            "name": "Custom",
            "region": self.region.to_json(),
            "cpu_mfg": self.cpu_mfg,
            "cpu_arch": self.arch.name(),
            "min_cpu": self.cpu.0,
            "max_cpu": self.cpu.1,
            "min_memory": self.memory.0,
            "max_memory": self.memory.1,
            "min_ip4": self.ip4.0,
            "max_ip4": self.ip4.1,
            "min_ip6": self.ip6.0,
            "max_ip6": self.ip6.1,
            "disks": self.disks.iter().map(|d| json!({
                "min_disk": d.min,
                "max_disk": d.max,
                "disk_type": d.disk_type.name(),
                "disk_interface": d.disk_interface.name(),
            })).collect::<Vec<_>>(),
        })
    }

    fn disk(&self, disk_type: DiskType, disk_interface: DiskInterface) -> Option<&DiskRange> {
        self.disks
            .iter()
            .find(|d| d.disk_type == disk_type && d.disk_interface == disk_interface)
    }

    /// The monthly price of `spec` in euro cents, without checking limits.
    fn list_price(&self, spec: &Spec) -> u64 {
        let disk_rate = self
            .disk(spec.disk_type, spec.disk_interface)
            .map_or(self.disks[0].cents_per_10_gib, |d| d.cents_per_10_gib);
        u64::from(spec.cpu) * self.cents_per_cpu
            + prorate(spec.memory, self.cents_per_gib, GIB)
            + prorate(spec.disk, disk_rate, 10 * GIB)
            + u64::from(spec.ip4) * self.cents_per_ip4
    }

    /// Checks `spec` against the plan's limits, naming the first field out of range.
    pub(super) fn check(&self, spec: &Spec) -> Result<(), String> {
        fn within<T: PartialOrd + std::fmt::Display>(
            field: &str,
            value: T,
            (min, max): (T, T),
        ) -> Result<(), String> {
            if value < min || value > max {
                Err(format!("{field} must be between {min} and {max}"))
            } else {
                Ok(())
            }
        }
        within("cpu", spec.cpu, self.cpu)?;
        within("memory", spec.memory, self.memory)?;
        let Some(disk) = self.disk(spec.disk_type, spec.disk_interface) else {
            return Err(format!(
                "disk_type {} with disk_interface {} is not offered",
                spec.disk_type.name(),
                spec.disk_interface.name()
            ));
        };
        within("disk", spec.disk, (disk.min, disk.max))?;
        within("ip4_count", spec.ip4, self.ip4)?;
        within("ip6_count", spec.ip6, self.ip6)
    }

    /// The monthly price of `spec` in euro cents, or why the plan cannot build it.
    pub(super) fn price(&self, spec: &Spec) -> Result<u64, String> {
        self.check(spec)?;
        Ok(self.list_price(spec))
    }

    /// The template a custom order gets (id `id`).
    pub(super) fn template(
        &self,
        id: u64,
        spec: Spec,
        created_ms: u64,
    ) -> Result<Template, String> {
        Ok(Template {
            id,
            name: "Custom".into(),
            created_ms,
            spec,
            cents: self.price(&spec)?,
            region: self.region,
            cpu_mfg: self.cpu_mfg,
            arch: self.arch,
        })
    }

    /// The plan's CPU maker and architecture, for matching `cpu_mfg`/`cpu_arch` requests.
    pub(super) fn cpu(&self) -> (&'static str, Arch) {
        (self.cpu_mfg, self.arch)
    }

    /// The largest values an upgrade may reach (cpu, memory, disk of `disk_type`).
    pub(super) fn maxima(
        &self,
        disk_type: DiskType,
        disk_interface: DiskInterface,
    ) -> (u16, u64, u64) {
        let disk = self
            .disk(disk_type, disk_interface)
            .map_or(self.disks[0].max, |d| d.max);
        (self.cpu.1, self.memory.1, disk)
    }
}

/// An OS image.
#[derive(Debug, Clone, Copy)]
pub(super) struct Image {
    /// Image id.
    pub(super) id: u64,
    distribution: &'static str,
    flavour: &'static str,
    version: &'static str,
    release_ms: u64,
    /// CPU architecture it runs on.
    pub(super) arch: Arch,
    default_username: &'static str,
}

impl Image {
    /// `VmOsImage` JSON with `popularity` (0–1).
    pub(super) fn to_json(self, popularity: f64) -> Value {
        json!({
            "id": self.id,
            "distribution": self.distribution,
            "flavour": self.flavour,
            "version": self.version,
            "release_date": rfc3339(self.release_ms),
            "cpu_arch": self.arch.name(),
            "default_username": self.default_username,
            "popularity": popularity,
        })
    }
}

const fn image(
    id: u64,
    distribution: &'static str,
    flavour: &'static str,
    version: &'static str,
    release_ms: u64,
    default_username: &'static str,
) -> Image {
    Image {
        id,
        distribution,
        flavour,
        version,
        release_ms,
        arch: Arch::X86_64,
        default_username,
    }
}

/// The OS images, the seed's Ubuntu 24.04 first.
pub(super) const IMAGES: [Image; 8] = [
    image(1, "ubuntu", "server", "24.04", 1_714_003_200_000, "ubuntu"),
    image(2, "debian", "server", "12", 1_686_355_200_000, "debian"),
    image(3, "ubuntu", "server", "22.04", 1_650_499_200_000, "ubuntu"),
    image(4, "fedora", "cloud", "40", 1_713_830_400_000, "fedora"),
    image(5, "alpine", "virt", "3.20", 1_716_336_000_000, "alpine"),
    image(
        6,
        "archlinux",
        "cloud",
        "2024.09.01",
        1_725_148_800_000,
        "arch",
    ),
    image(7, "rockylinux", "cloud", "9.4", 1_715_212_800_000, "rocky"),
    Image {
        arch: Arch::Arm64,
        ..image(8, "ubuntu", "server", "24.04", 1_714_003_200_000, "ubuntu")
    },
];

/// The image `id`.
pub(super) fn image_by_id(id: u64) -> Option<Image> {
    IMAGES.iter().copied().find(|i| i.id == id)
}

/// A block of address space on sale (`AvailableIpSpace`); its CIDR stays
/// hidden until a range cut from it is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct IpSpace {
    /// Space id.
    pub(super) id: u64,
    /// The parent block, shown as `parent_cidr` of the ranges cut from it.
    pub(super) cidr: &'static str,
    /// Smallest block sold, as a prefix length.
    min_prefix_size: u8,
    /// Largest block sold, as a prefix length.
    max_prefix_size: u8,
    /// The regional internet registry that holds it.
    registry: &'static str,
    /// True for IPv6.
    pub(super) ipv6: bool,
}

/// The price of one block size of an [`IpSpace`] (`IpSpacePricing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct IpPricing {
    /// Pricing id (what `ip_space_pricing_id` names).
    pub(super) id: u64,
    /// The space the block is cut from.
    pub(super) space_id: u64,
    /// The block's prefix length.
    pub(super) prefix: u8,
    /// Monthly price in euro cents.
    pub(super) cents: u64,
    /// One-off setup fee in euro cents.
    pub(super) setup_cents: u64,
}

/// The IP space on sale. The parents are blocks that are never routed, so
/// the sandbox hands out nothing real: IPv4 from the benchmarking block
/// 198.18.0.0/15 (RFC 2544), IPv6 from the documentation block 3fff::/20
/// (RFC 9637), clear of the VMs' 2001:db8::/32 addresses.
pub(super) const IP_SPACES: [IpSpace; 2] = [
    IpSpace {
        id: 1,
        cidr: "198.18.0.0/15",
        min_prefix_size: 29,
        max_prefix_size: 24,
        registry: "ripe",
        ipv6: false,
    },
    IpSpace {
        id: 2,
        cidr: "3fff::/20",
        min_prefix_size: 48,
        max_prefix_size: 32,
        registry: "arin",
        ipv6: true,
    },
];

const fn ip_price(id: u64, space_id: u64, prefix: u8, cents: u64, setup_cents: u64) -> IpPricing {
    IpPricing {
        id,
        space_id,
        prefix,
        cents,
        setup_cents,
    }
}

/// The block sizes on sale and their prices.
pub(super) const IP_PRICING: [IpPricing; 5] = [
    ip_price(1, 1, 24, 25_000, 5_000),
    ip_price(2, 1, 27, 4_000, 1_000),
    ip_price(3, 1, 29, 1_200, 500),
    ip_price(4, 2, 48, 1_500, 0),
    ip_price(5, 2, 40, 6_000, 0),
];

/// The IP space `id`.
pub(super) fn ip_space_by_id(id: u64) -> Option<IpSpace> {
    IP_SPACES.iter().copied().find(|s| s.id == id)
}

/// The block size priced as `id`.
pub(super) fn ip_pricing(id: u64) -> Option<IpPricing> {
    IP_PRICING.iter().copied().find(|p| p.id == id)
}

/// The IP space on sale (`AvailableIpSpace`).
pub(super) fn ip_spaces() -> Vec<Value> {
    let pricing = |p: &IpPricing| {
        json!({
            "id": p.id,
            "prefix_size": p.prefix,
            "price": price("EUR", p.cents),
            "setup_fee": price("EUR", p.setup_cents),
            "other_price": [price("BTC", sats(p.cents))],
            "other_setup_fee": [price("BTC", sats(p.setup_cents))],
        })
    };
    IP_SPACES
        .iter()
        .map(|space| {
            json!({
                "id": space.id,
                "min_prefix_size": space.min_prefix_size,
                "max_prefix_size": space.max_prefix_size,
                "registry": space.registry,
                "ip_version": if space.ipv6 { "ipv6" } else { "ipv4" },
                "pricing": IP_PRICING
                    .iter()
                    .filter(|p| p.space_id == space.id)
                    .map(pricing)
                    .collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// The payment methods the server accepts (`GET /payment/methods`).
pub(super) fn payment_methods() -> Value {
    json!([
        { "name": "lightning", "currencies": ["BTC"] },
        { "name": "nwc", "currencies": ["BTC"] },
        { "name": "lnurl", "currencies": ["BTC"] },
    ])
}

/// Units of each currency one euro buys.
const PER_EUR: [(&str, f64); 8] = [
    ("EUR", 1.0),
    ("USD", 1.08),
    ("GBP", 0.85),
    ("CAD", 1.47),
    ("CHF", 0.94),
    ("AUD", 1.63),
    ("JPY", 162.0),
    ("BTC", SATS_PER_EUR_CENT as f64 * 100.0 / 100_000_000.0),
];

/// How much of each other currency one unit of `base` buys, or `None` for an unknown base.
pub(super) fn exchange_rates(base: &str) -> Option<serde_json::Map<String, Value>> {
    let per_eur = |code: &str| PER_EUR.iter().find(|(c, _)| *c == code).map(|&(_, v)| v);
    let base_per_eur = per_eur(base)?;
    Some(
        PER_EUR
            .iter()
            .filter(|(code, _)| *code != base)
            .filter_map(|&(code, _)| {
                let rate = per_eur(code)? / base_per_eur;
                let rounded = (rate * 1e8).round() / 1e8;
                Some((code.to_string(), json!(rounded)))
            })
            .collect(),
    )
}
