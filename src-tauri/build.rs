//! Generates the Tauri context: the config at the package root, and a permission for each of
//! the app's commands, granted to windows by `src-tauri/capabilities/`.

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&["workspace_status", "overview"]));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
