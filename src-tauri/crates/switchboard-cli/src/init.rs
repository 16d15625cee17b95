//! `switchboard-cli init`: an empty workspace, ready for sources, imports and syncs.

use switchboard_workspace::Workspace;

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    workspace: WorkspaceArg,
    /// The workspace's name, as the app shows it.
    #[arg(long, default_value = "My workspace")]
    name: String,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let path = &args.workspace.workspace;
    Workspace::create(path, &args.name)?;
    report::out(&format!(
        "Created the empty workspace `{}` at {}. Add a source with `switchboard-cli source add NAME \
         --workspace {}`.\n",
        args.name.trim(),
        path.display(),
        path.display()
    ));
    Ok(())
}
