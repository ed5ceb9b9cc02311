; Inno Setup 6 script: dist\certdesk\ (the PyInstaller bundle) → dist\CertDesk-Setup-<version>.exe
;
;   iscc /DAppVersion=0.1.0 packaging\windows\certdesk.iss
;
; (packaging\README.md). Per-machine install into {autopf}\CertDesk (C:\Program Files\CertDesk), a Start-menu
; entry. The workspaces are NOT here: each Windows user's data lives in %LOCALAPPDATA%\CertDesk
; (desktop_app/paths.py, platformdirs), outside the program folder, so an upgrade never touches it and the
; uninstaller (which removes only what it installed) leaves it in place.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\certdesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "CertDesk"
#define AppNameZh "建设从业人员证书工作台"
#define GuiExe "CertDesk-GUI.exe"
#define CliExe "certdesk.exe"

[Setup]
; the AppId never changes: it is how a new version finds and upgrades the installed one
AppId={{39BD6DFA-B666-402E-A7A7-C09368087798}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} {#AppNameZh} Setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=CertDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\{#GuiExe}
; a running CertDesk holds its files open: offer to close it before upgrading or uninstalling
CloseApplications=yes
RestartApplications=no

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the program's libraries wholesale, so no file of the old version is left behind
; (only the program folder: the users' data is elsewhere, see above)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName} {#AppNameZh}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Comment: "{#AppNameZh}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

; No [UninstallDelete] and no [Registry] entries for the data: %LOCALAPPDATA%\CertDesk (the cache, keys\,
; seals\, issuer_codes.csv, printers.json, settings.json, logs\) stays when CertDesk is uninstalled.
