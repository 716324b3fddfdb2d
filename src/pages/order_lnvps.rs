//! The LNVPS order wizard (seed: "VM Creation Flow"): an SSH key, chosen or
//! added inline; an OS image and a plan, a template or a custom build priced
//! live by LNVPS; the price; then the order, journaled before it is sent
//! and followed to `running` (see `state::order_lnvps`). Every rule is
//! checked before anything is sent, each with its own message.

use crate::components::error_notice::ErrorNotice;
use crate::components::form_fields::{field_error, Errors};
use crate::format;
use crate::state::order_lnvps::{self, LnvpsRequest};
use crate::state::orders::Orders;
use crate::state::Panel;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::lnvps::{
    self, CustomTemplate, CustomVmOrder, CustomVmSpec, Image, NewSshKey, NewVm, SshKey, Templates,
    VmTemplate,
};
use providers::ProviderError;

/// Bytes in a GiB (LNVPS sizes are bytes; the form asks in GiB).
const GIB: u64 = 1 << 30;
/// The SSH-key choice that opens the inline "add a key" form.
const NEW_KEY: &str = "new";

/// What the form holds, read once when checking or ordering.
#[derive(Debug, Clone, PartialEq)]
struct Form {
    ssh_key: String,
    image: String,
    plan: String,
    cpu: String,
    memory_gib: String,
    disk_gib: String,
    disk_kind: String,
}

/// The plan picked: a template, or a custom plan by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    Template(u64),
    Custom(u64),
}

impl Plan {
    fn value(self) -> String {
        match self {
            Plan::Template(id) => format!("t{id}"),
            Plan::Custom(id) => format!("c{id}"),
        }
    }

    fn parse(value: &str) -> Option<Plan> {
        let (kind, id) = value.split_at_checked(1)?;
        let id = id.parse().ok()?;
        match kind {
            "t" => Some(Plan::Template(id)),
            "c" => Some(Plan::Custom(id)),
            _ => None,
        }
    }
}

/// What LNVPS offers this account.
#[derive(Debug, Clone, PartialEq)]
struct Offer {
    keys: Vec<SshKey>,
    images: Vec<Image>,
    templates: Templates,
}

impl Offer {
    fn image(&self, id: &str) -> Option<&Image> {
        self.images.iter().find(|i| i.id.to_string() == id)
    }

    fn template(&self, id: u64) -> Option<&VmTemplate> {
        self.templates.templates.iter().find(|t| t.id == id)
    }

    fn custom(&self, id: u64) -> Option<&CustomTemplate> {
        self.templates.custom_template.iter().find(|t| t.id == id)
    }

    fn key(&self, id: &str) -> Option<&SshKey> {
        self.keys.iter().find(|k| k.id.to_string() == id)
    }
}

/// A whole number typed in a field, or the rule's message.
fn whole(field_name: &str, text: &str) -> Result<u64, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "{field_name} must be a whole number (got “{}”)",
            text.trim()
        )
    })
}

/// `value` within `min..=max`, in the unit shown.
fn within(field_name: &str, value: u64, min: u64, max: u64, unit: &str) -> Result<u64, String> {
    if value < min || value > max {
        Err(format!(
            "{field_name} must be between {min} and {max}{unit} (got {value}{unit})"
        ))
    } else {
        Ok(value)
    }
}

/// The custom build the form describes, or the messages of the rules it breaks.
fn custom_spec(template: &CustomTemplate, form: &Form) -> Result<CustomVmSpec, Errors> {
    let mut errors = Errors::new();
    let cpu = whole("CPU cores", &form.cpu)
        .and_then(|n| within("CPU cores", n, template.min_cpu, template.max_cpu, ""));
    let memory = whole("Memory", &form.memory_gib).and_then(|n| {
        within(
            "Memory",
            n,
            template.min_memory.div_ceil(GIB),
            template.max_memory / GIB,
            " GiB",
        )
    });
    let disk_kind = template
        .disks
        .iter()
        .find(|d| format!("{}/{}", d.disk_type, d.disk_interface) == form.disk_kind);
    let disk = match disk_kind {
        None => Err("Choose a disk type this plan offers".to_string()),
        Some(d) => whole("Disk", &form.disk_gib).and_then(|n| {
            within(
                &format!(
                    "A {} {} disk",
                    d.disk_type.to_uppercase(),
                    d.disk_interface.to_uppercase()
                ),
                n,
                d.min_disk.div_ceil(GIB),
                d.max_disk / GIB,
                " GiB",
            )
        }),
    };
    for (field, result) in [("cpu", &cpu), ("memory", &memory), ("disk", &disk)] {
        if let Err(message) = result {
            errors.insert(field, message.clone());
        }
    }
    match (cpu, memory, disk, disk_kind) {
        (Ok(cpu), Ok(memory), Ok(disk), Some(kind)) => {
            let spec = CustomVmSpec {
                pricing_id: template.id,
                cpu,
                memory: memory * GIB,
                disk: disk * GIB,
                disk_type: kind.disk_type.clone(),
                disk_interface: kind.disk_interface.clone(),
                cpu_mfg: None,
                cpu_arch: None,
                cpu_feature: Vec::new(),
                ip4_count: None,
                ip6_count: None,
            };
            // The provider crate's own check of the plan's limits, as a last gate.
            spec.validate(template)
                .map_err(|e| Errors::from([("plan", e.to_string())]))?;
            Ok(spec)
        }
        _ => Err(errors),
    }
}

/// Every rule of the order form; the request when all hold.
fn check(offer: &Offer, form: &Form) -> Result<(LnvpsRequest, Option<CustomTemplate>), Errors> {
    let mut errors = Errors::new();
    let ssh_key_id = match form.ssh_key.as_str() {
        "" => {
            errors.insert(
                "ssh-key",
                "Choose an SSH key, or add one: LNVPS installs it for the server's login user."
                    .into(),
            );
            None
        }
        NEW_KEY => {
            errors.insert(
                "ssh-key",
                "Add the new key first (the “Add key” button), or choose a stored one.".into(),
            );
            None
        }
        id => offer.key(id).map(|k| k.id),
    };
    let image = offer.image(&form.image);
    if image.is_none() {
        errors.insert("image", "Choose an operating system image.".into());
    }
    let plan = Plan::parse(&form.plan);
    let arch = match plan {
        Some(Plan::Template(id)) => offer.template(id).and_then(|t| t.cpu_arch.clone()),
        Some(Plan::Custom(id)) => offer.custom(id).and_then(|t| t.cpu_arch.clone()),
        None => {
            errors.insert(
                "plan",
                "Choose a plan: a template, or a custom build.".into(),
            );
            None
        }
    };
    if let (Some(image), Some(arch)) = (image, &arch) {
        if image.cpu_arch.as_ref().is_some_and(|a| a != arch) {
            errors.insert(
                "image",
                format!(
                    "{} is built for {}, but this plan runs {arch}: choose an image for {arch}.",
                    image.display_name(),
                    image.cpu_arch.clone().unwrap_or_default()
                ),
            );
        }
    }
    let custom = match plan {
        Some(Plan::Custom(id)) => match offer.custom(id) {
            Some(template) => match custom_spec(template, form) {
                Ok(spec) => Some((template.clone(), spec)),
                Err(more) => {
                    errors.extend(more);
                    None
                }
            },
            None => None,
        },
        _ => None,
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let (Some(ssh_key_id), Some(image)) = (ssh_key_id, image) else {
        return Err(Errors::from([(
            "ssh-key",
            "Choose an SSH key.".to_string(),
        )]));
    };
    match (plan, custom) {
        (Some(Plan::Template(template_id)), _) => Ok((
            LnvpsRequest::Template(NewVm {
                template_id,
                image_id: image.id,
                ssh_key_id,
                ref_code: None,
            }),
            None,
        )),
        (Some(Plan::Custom(_)), Some((template, spec))) => Ok((
            LnvpsRequest::Custom(CustomVmOrder {
                spec,
                image_id: image.id,
                ssh_key_id,
                ref_code: None,
            }),
            Some(template),
        )),
        _ => Err(Errors::from([("plan", "Choose a plan.".to_string())])),
    }
}

/// `VPS-Small · 1 vCPU, 1 GiB, 20 GiB ssd · Dublin`.
fn template_label(t: &VmTemplate) -> String {
    let region = t
        .region
        .as_ref()
        .map(|r| format!(" · {}", r.name))
        .unwrap_or_default();
    let price = t
        .cost_plan
        .as_ref()
        .and_then(lnvps::monthly_cost)
        .map(|m| format!(" · {m}/month"))
        .unwrap_or_default();
    format!(
        "{} · {} vCPU, {}, {} {}{region}{price}",
        t.name,
        t.cpu,
        format::bytes(t.memory),
        format::bytes(t.disk_size),
        t.disk_type.clone().unwrap_or_default(),
    )
}

/// What the order summary says (`VPS-Small · Ubuntu 24.04 · key laptop`).
fn summary(offer: &Offer, request: &LnvpsRequest) -> String {
    let (plan, image, key) = match request {
        LnvpsRequest::Template(new) => (
            offer
                .template(new.template_id)
                .map(|t| t.name.clone())
                .unwrap_or_else(|| format!("template {}", new.template_id)),
            new.image_id,
            new.ssh_key_id,
        ),
        LnvpsRequest::Custom(order) => (
            format!(
                "Custom {} vCPU, {}, {} {}",
                order.spec.cpu,
                format::bytes(order.spec.memory),
                format::bytes(order.spec.disk),
                order.spec.disk_type
            ),
            order.image_id,
            order.ssh_key_id,
        ),
    };
    let image = offer
        .image(&image.to_string())
        .map(Image::display_name)
        .unwrap_or_else(|| format!("image {image}"));
    let key = offer
        .key(&key.to_string())
        .map(|k| k.name.clone())
        .unwrap_or_else(|| format!("{key}"));
    format!("{plan} · {image} · key {key}")
}

/// The wizard for one LNVPS account; `on_placed` gets the new order's key.
#[component]
pub fn LnvpsWizard(account_id: String, on_placed: Callback<String>) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let orders = expect_context::<Orders>();
    let account_id = StoredValue::new(account_id);
    let offer = RwSignal::new(None::<Offer>);
    let load_error = RwSignal::new(None::<ProviderError>);

    let ssh_key = RwSignal::new(String::new());
    let key_name = RwSignal::new(String::new());
    let key_data = RwSignal::new(String::new());
    let adding_key = RwSignal::new(false);
    let image = RwSignal::new(String::new());
    let plan = RwSignal::new(String::new());
    let cpu = RwSignal::new("2".to_string());
    let memory_gib = RwSignal::new("2".to_string());
    let disk_gib = RwSignal::new("40".to_string());
    let disk_kind = RwSignal::new(String::new());
    let errors = RwSignal::new(Errors::new());
    let custom_price = RwSignal::new(None::<Result<String, String>>);
    let send_error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);

    let form = move || Form {
        ssh_key: ssh_key.get(),
        image: image.get(),
        plan: plan.get(),
        cpu: cpu.get(),
        memory_gib: memory_gib.get(),
        disk_gib: disk_gib.get(),
        disk_kind: disk_kind.get(),
    };

    let load = move || {
        let Some(session) = panel.session(&account_id.get_value()) else {
            return;
        };
        load_error.set(None);
        spawn_local(async move {
            let (keys, images, templates) = futures::join!(
                session.lnvps(|a| Ok(a.ssh_keys())),
                session.lnvps(|a| Ok(a.images(None))),
                session.lnvps(|a| Ok(a.templates())),
            );
            match (keys, images, templates) {
                (Ok(keys), Ok(images), Ok(templates)) => {
                    if let [only] = keys.as_slice() {
                        ssh_key.set(only.id.to_string());
                    }
                    offer.set(Some(Offer {
                        keys,
                        images,
                        templates,
                    }))
                }
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => load_error.set(Some(e)),
            }
        });
    };
    load();

    // A custom plan starts from its smallest disk kind.
    Effect::new(move |_| {
        if let Some(Plan::Custom(id)) = Plan::parse(&plan.get()) {
            let first = offer.with_untracked(|o| {
                o.as_ref()
                    .and_then(|o| o.custom(id))
                    .and_then(|t| t.disks.first())
                    .map(|d| format!("{}/{}", d.disk_type, d.disk_interface))
            });
            if disk_kind.get_untracked().is_empty() {
                disk_kind.set(first.unwrap_or_default());
            }
        }
    });

    // The live price of a custom build, from LNVPS's pricing endpoint.
    let price_seq = StoredValue::new(0u64);
    Effect::new(move |_| {
        let form = form();
        let Some(Plan::Custom(id)) = Plan::parse(&form.plan) else {
            custom_price.set(None);
            return;
        };
        let Some(template) = offer.with(|o| o.as_ref().and_then(|o| o.custom(id).cloned())) else {
            return;
        };
        let spec = match custom_spec(&template, &form) {
            Ok(spec) => spec,
            Err(e) => {
                let first = e.into_values().next().unwrap_or_default();
                custom_price.set(Some(Err(format!("No price yet: {first}"))));
                return;
            }
        };
        let Some(session) = panel.session(&account_id.get_value()) else {
            return;
        };
        price_seq.update_value(|n| *n += 1);
        let seq = price_seq.get_value();
        custom_price.set(Some(Ok("asking LNVPS for the price…".into())));
        spawn_local(async move {
            let result = session.lnvps(|a| a.custom_price(&template, &spec)).await;
            // Only the answer to the latest build counts.
            if price_seq.get_value() != seq {
                return;
            }
            custom_price.set(Some(match result {
                Ok(p) => {
                    let money = lnvps::money(p.amount, &p.currency, lnvps::BtcUnit::Sats);
                    let interval = p.interval_type.unwrap_or_else(|| "month".into());
                    Ok(format!("{money} per {interval}"))
                }
                Err(e) => Err(e.to_string()),
            }));
        });
    });

    let add_key = move |_| {
        let new = NewSshKey {
            name: key_name.get_untracked().trim().to_string(),
            key_data: key_data.get_untracked().trim().to_string(),
        };
        if let Err(e) = new.validate() {
            let message = match e {
                ProviderError::Validation { reason, .. } => format!("The public key {reason}."),
                other => other.to_string(),
            };
            errors.update(|m| {
                m.insert("key-data", message);
            });
            return;
        }
        errors.update(|m| {
            m.remove("key-data");
        });
        let Some(session) = panel.session(&account_id.get_value()) else {
            return;
        };
        adding_key.set(true);
        spawn_local(async move {
            let result = session.lnvps(|a| a.add_ssh_key(&new)).await;
            adding_key.set(false);
            match result {
                Ok(key) => {
                    let id = key.id.to_string();
                    offer.update(|o| {
                        if let Some(o) = o.as_mut() {
                            o.keys.push(key);
                        }
                    });
                    ssh_key.set(id);
                    key_name.set(String::new());
                    key_data.set(String::new());
                    errors.update(|m| {
                        m.remove("ssh-key");
                    });
                }
                Err(e) => errors.update(|m| {
                    m.insert("key-data", e.to_string());
                }),
            }
        });
    };

    let order = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_error.set(None);
        let Some(current) = offer.get_untracked() else {
            return;
        };
        let (request, custom) = match check(&current, &form()) {
            Ok(ok) => ok,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Errors::new());
        sending.set(true);
        let text = summary(&current, &request);
        let placed = order_lnvps::place(
            panel,
            orders,
            &account_id.get_value(),
            request,
            custom,
            text,
        );
        sending.set(false);
        match placed {
            Ok(key) => on_placed.run(key),
            Err(e) => send_error.set(Some(e)),
        }
    };

    let price_line = move || {
        let form = form();
        offer.with(|o| {
            let o = o.as_ref()?;
            match Plan::parse(&form.plan)? {
                Plan::Template(id) => {
                    let t = o.template(id)?;
                    let money = t.cost_plan.as_ref().and_then(lnvps::monthly_cost)?;
                    Some(Ok(format!("{money} per month")))
                }
                Plan::Custom(_) => custom_price.get(),
            }
        })
    };

    view! {
        {move || load_error.get().map(|e| view! { <ErrorNotice error=e on_retry=Callback::new(move |_| load()) /> })}
        {move || match offer.get() {
            None => (load_error.get().is_none()).then(|| view! {
                <p class="muted" data-testid="wizard-loading"><span class="spinner"></span>" Loading keys, images and plans from LNVPS…"</p>
            }).into_any(),
            Some(current) => view! {
                <form class="wizard" data-testid="lnvps-wizard" novalidate on:submit=order>
                    <fieldset class="card wizard-step">
                        <legend>"1 · SSH key"</legend>
                        <p class="muted small">"LNVPS installs this key for the server's login user; it is the only way in."</p>
                        <label class="field">
                            <span>"Key"</span>
                            <select data-testid="ssh-key" aria-describedby="error-ssh-key"
                                aria-invalid=move || errors.with(|e| e.contains_key("ssh-key")).to_string()
                                prop:value=move || ssh_key.get()
                                on:change=move |ev| ssh_key.set(event_target_value(&ev))>
                                <option value="">"Choose a key…"</option>
                                {move || offer.with(|o| o.as_ref().map(|o| o.keys.clone()).unwrap_or_default()).into_iter().map(|k| {
                                    let id = k.id.to_string();
                                    let selected = ssh_key.get_untracked() == id;
                                    view! { <option value=id selected=selected>{k.name.clone()}</option> }
                                }).collect_view()}
                                <option value=NEW_KEY>"Add a new key…"</option>
                            </select>
                        </label>
                        {field_error(errors, "ssh-key")}
                        <Show when=move || ssh_key.get() == NEW_KEY>
                            <div class="inline-form" data-testid="new-key-form">
                                <label class="field">
                                    <span>"Name (optional)"</span>
                                    <input type="text" data-testid="new-key-name" placeholder="laptop"
                                        prop:value=move || key_name.get() on:input=move |ev| key_name.set(event_target_value(&ev)) />
                                </label>
                                <label class="field">
                                    <span>"Public key (one OpenSSH line)"</span>
                                    <textarea rows="3" class="mono" data-testid="new-key-data" aria-describedby="error-key-data"
                                        placeholder="ssh-ed25519 AAAAC3Nz… you@laptop"
                                        prop:value=move || key_data.get() on:input=move |ev| key_data.set(event_target_value(&ev))></textarea>
                                </label>
                                {field_error(errors, "key-data")}
                                <button type="button" class="btn" data-testid="add-key" disabled=move || adding_key.get() on:click=add_key>
                                    {move || if adding_key.get() { "Adding…" } else { "Add key" }}
                                </button>
                            </div>
                        </Show>
                    </fieldset>

                    <fieldset class="card wizard-step">
                        <legend>"2 · System and plan"</legend>
                        <div class="grid-2">
                            <label class="field">
                                <span>"Operating system"</span>
                                <select data-testid="image" aria-describedby="error-image" prop:value=move || image.get()
                                    aria-invalid=move || errors.with(|e| e.contains_key("image")).to_string()
                                    on:change=move |ev| image.set(event_target_value(&ev))>
                                    <option value="">"Choose an image…"</option>
                                    {current.images.iter().map(|i| {
                                        let arch = i.cpu_arch.clone().map(|a| format!(" ({a})")).unwrap_or_default();
                                        view! { <option value=i.id.to_string()>{format!("{}{arch}", i.display_name())}</option> }
                                    }).collect_view()}
                                </select>
                                {field_error(errors, "image")}
                            </label>
                            <label class="field">
                                <span>"Plan"</span>
                                <select data-testid="plan" aria-describedby="error-plan" prop:value=move || plan.get()
                                    aria-invalid=move || errors.with(|e| e.contains_key("plan")).to_string()
                                    on:change=move |ev| plan.set(event_target_value(&ev))>
                                    <option value="">"Choose a plan…"</option>
                                    <optgroup label="Templates">
                                        {current.templates.templates.iter().map(|t| view! {
                                            <option value=Plan::Template(t.id).value()>{template_label(t)}</option>
                                        }).collect_view()}
                                    </optgroup>
                                    {(!current.templates.custom_template.is_empty()).then(|| view! {
                                        <optgroup label="Custom build">
                                            {current.templates.custom_template.iter().map(|t| {
                                                let region = t.region.as_ref().map(|r| format!(" · {}", r.name)).unwrap_or_default();
                                                view! { <option value=Plan::Custom(t.id).value()>{format!("{}{region}: choose CPU, memory and disk", t.name)}</option> }
                                            }).collect_view()}
                                        </optgroup>
                                    })}
                                </select>
                                {field_error(errors, "plan")}
                            </label>
                        </div>
                        {move || match Plan::parse(&plan.get()) {
                            Some(Plan::Custom(id)) => current.custom(id).cloned().map(|t| view! {
                                <CustomFields template=t cpu=cpu memory_gib=memory_gib disk_gib=disk_gib disk_kind=disk_kind errors=errors />
                            }),
                            _ => None,
                        }}
                    </fieldset>

                    <section class="card wizard-step" aria-labelledby="price-heading">
                        <h2 id="price-heading">"3 · Price and order"</h2>
                        <p data-testid="price" aria-live="polite">
                            {move || match price_line() {
                                None => view! { <span class="muted">"Choose a plan to see its price."</span> }.into_any(),
                                Some(Ok(text)) => view! { <span>"Price: "<strong>{text}</strong></span> }.into_any(),
                                Some(Err(text)) => view! { <span class="field-error">{text}</span> }.into_any(),
                            }}
                        </p>
                        <p class="muted small">"The first invoice covers one month and is paid in bitcoin over Lightning; the server is set up as soon as it is paid. An unpaid order is deleted by LNVPS after an hour."</p>
                        {move || send_error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="order-error">{e}</p> })}
                        {move || (!errors.with(|e| e.is_empty())).then(|| view! {
                            <p class="field-error" role="alert" data-testid="form-errors">"Nothing was sent: correct the fields marked above."</p>
                        })}
                        <button type="submit" class="btn primary" data-testid="place-order" disabled=move || sending.get()>"Order and get the invoice"</button>
                    </section>
                </form>
            }.into_any(),
        }}
    }
}

/// CPU, memory and disk of a custom build, within the plan's limits.
#[component]
fn CustomFields(
    template: CustomTemplate,
    cpu: RwSignal<String>,
    memory_gib: RwSignal<String>,
    disk_gib: RwSignal<String>,
    disk_kind: RwSignal<String>,
    errors: RwSignal<Errors>,
) -> impl IntoView {
    let limits = |min: u64, max: u64, unit: &str| format!("{min}–{max}{unit}");
    let disk_hint = {
        let template = template.clone();
        move || {
            template
                .disks
                .iter()
                .find(|d| format!("{}/{}", d.disk_type, d.disk_interface) == disk_kind.get())
                .map(|d| limits(d.min_disk.div_ceil(GIB), d.max_disk / GIB, " GiB"))
                .unwrap_or_default()
        }
    };
    view! {
        <div class="grid-2 custom-build" data-testid="custom-fields">
            <label class="field">
                <span>{format!("CPU cores ({})", limits(template.min_cpu, template.max_cpu, ""))}</span>
                <input type="number" inputmode="numeric" data-testid="custom-cpu" aria-describedby="error-cpu"
                    prop:value=move || cpu.get() on:input=move |ev| cpu.set(event_target_value(&ev)) />
                {field_error(errors, "cpu")}
            </label>
            <label class="field">
                <span>{format!("Memory, GiB ({})", limits(template.min_memory.div_ceil(GIB), template.max_memory / GIB, ""))}</span>
                <input type="number" inputmode="numeric" data-testid="custom-memory" aria-describedby="error-memory"
                    prop:value=move || memory_gib.get() on:input=move |ev| memory_gib.set(event_target_value(&ev)) />
                {field_error(errors, "memory")}
            </label>
            <label class="field">
                <span>"Disk type"</span>
                <select data-testid="custom-disk-kind" prop:value=move || disk_kind.get() on:change=move |ev| disk_kind.set(event_target_value(&ev))>
                    {template.disks.iter().map(|d| {
                        let value = format!("{}/{}", d.disk_type, d.disk_interface);
                        view! { <option value=value.clone()>{format!("{} over {}", d.disk_type.to_uppercase(), d.disk_interface.to_uppercase())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{move || format!("Disk, GiB ({})", disk_hint())}</span>
                <input type="number" inputmode="numeric" data-testid="custom-disk" aria-describedby="error-disk"
                    prop:value=move || disk_gib.get() on:input=move |ev| disk_gib.set(event_target_value(&ev)) />
                {field_error(errors, "disk")}
            </label>
        </div>
    }
}
