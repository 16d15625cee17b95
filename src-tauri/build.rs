//! Generates the Tauri context: the config at the package root, the app's command permissions
//! from `src-tauri/permissions/`, granted to windows by `src-tauri/capabilities/`.

fn main() {
    // tauri-build does not watch custom patterns; without these a changed capability or
    // permission would leave a stale ACL compiled into the app.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/permissions");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(
            tauri_build::AppManifest::new().permissions_path_pattern("src-tauri/permissions/**/*"),
        );
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
