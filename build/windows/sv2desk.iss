; Inno Setup script for SV2 Desk on Windows: a per-user install (no administrator rights
; needed), a Start-menu entry, and an uninstaller that leaves the data folder alone.
; Build the PyInstaller folder first (build\windows\sv2desk-windows.spec), then:
;     iscc build\windows\sv2desk.iss
; The result is build\dist\SV2-Desk-<version>-setup.exe.

#define AppName "SV2 Desk"
; Keep in step with sv2desk/__init__.py (tests/test_windows_build.py checks).
#define AppVersion "0.1.0"
#define AppExe "sv2desk.exe"

[Setup]
; The AppId names this application to Windows across versions: never change it, or a
; newer version installs beside the older one instead of over it.
AppId={{6E1F0C3A-5B7D-4C2E-9A41-3D2B8F7E5C10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SV2
; Per user: installs under %LOCALAPPDATA%\Programs, needs no administrator.
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir=..\dist
OutputBaseFilename=SV2-Desk-{#AppVersion}-setup
SetupIconFile=sv2desk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An older version that is running must be closed first (its files are in use).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
; The whole PyInstaller folder. An upgrade replaces it; files the old version had that
; this one does not are removed first ([InstallDelete]), so old libraries never mix in.
Source: "..\dist\sv2desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Casework for SV2's staff"
Name: "{userprograms}\{#AppName} - check this installation"; Filename: "{cmd}"; Parameters: "/k """"{app}\sv2desk-admin.exe"" check-install"""; WorkingDir: "{app}"

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName} now"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put in {app}. The data is in %LOCALAPPDATA%\SV2\SV2 Desk
; (platformdirs' user data folder), outside {app}: uninstalling never removes it.
Type: filesandordirs; Name: "{app}\_internal"

[Messages]
UninstalledAll=%1 was removed from this PC. The SV2 Desk data (in your AppData\Local\SV2 folder) was kept: delete it yourself only when you are sure nobody needs it, and after making a backup.
