//! Progress of a long operation: provisioning, reinstall, payment, deploy tasks.

use serde::{Deserialize, Serialize};

/// Overall state of a long operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressState {
    /// Waiting for payment.
    AwaitingPayment,
    /// Under way.
    InProgress,
    /// Finished successfully.
    Done,
    /// Finished with a failure.
    Failed,
}

impl ProgressState {
    /// True once nothing will change any more.
    pub fn is_terminal(self) -> bool {
        matches!(self, ProgressState::Done | ProgressState::Failed)
    }
}

/// State of one task in a provider's task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Not started.
    Pending,
    /// Running now.
    Running,
    /// Done.
    Done,
    /// Failed.
    Failed,
}

/// One step of a provider's task list (`create_vm`, `(2/5) base OS installed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressTask {
    /// The provider's name for the step.
    pub name: String,
    /// Where it stands.
    pub state: TaskState,
}

/// A snapshot of a long operation's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Overall state.
    pub state: ProgressState,
    /// 0–100 where the provider reports (or the panel can derive) a percentage.
    pub percent: Option<u8>,
    /// The provider's name for the current stage.
    pub stage: String,
    /// The provider's task list, in order (empty when it has none).
    pub tasks: Vec<ProgressTask>,
    /// The server the operation is about, once known.
    pub server_id: Option<String>,
    /// The provider's message, when it gives one.
    pub message: Option<String>,
}
