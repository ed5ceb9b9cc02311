<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>LanguageSection</name>
    <message>
        <source>更改语言后重新启动 CertDesk 生效。</source>
        <translation>A new language takes effect when CertDesk is started again.</translation>
    </message>
    <message>
        <source>此计算机上的环境变量 {0}={1} 优先于此设置。</source>
        <translation>On this computer the environment variable {0}={1} takes precedence over this setting.</translation>
    </message>
    <message>
        <source>界面语言：</source>
        <translation>Language:</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>每一次修改都以此姓名记入修改记录</source>
        <translation>Every correction is recorded in the history under this name</translation>
    </message>
    <message>
        <source>本工作站所属发证机关：</source>
        <translation>This workstation&apos;s issuing authority:</translation>
    </message>
    <message>
        <source>操作员姓名：</source>
        <translation>Operator name:</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>默认（{0} 分钟）</source>
        <translation>Default ({0} min)</translation>
    </message>
    <message>
        <source>无人操作这么久后窗口锁定，须输入密码解锁</source>
        <translation>After this long without use the window locks and needs the password to unlock</translation>
    </message>
    <message>
        <source>空闲锁定：</source>
        <translation>Lock when idle:</translation>
    </message>
    <message>
        <source>发证机关用于批量生成和 A 证待补充信息清单的默认选择。</source>
        <translation>The issuing authority is what batch generation and the A-certificate worklist choose by default.</translation>
    </message>
    <message>
        <source>工作区文件夹：{0}</source>
        <translation>Workspace folder: {0}</translation>
    </message>
    <message>
        <source>（演示工作区 · 样本数据）</source>
        <translation> (demo workspace · sample data)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>省级同步的设置需要{0}</source>
        <translation>Provincial sync settings need the role: {0}</translation>
    </message>
    <message>
        <source>{0}（不在发证机关表中）</source>
        <translation>{0} (not in the table of issuing authorities)</translation>
    </message>
    <message>
        <source>咨询电话：{0}</source>
        <translation>Enquiry phone: {0}</translation>
    </message>
    <message>
        <source>操作员姓名不能为空</source>
        <translation>The operator name cannot be empty</translation>
    </message>
    <message>
        <source>设置已保存；重新启动 CertDesk 后使用新的界面语言</source>
        <translation>Settings saved; the new language is used from the next start of CertDesk</translation>
    </message>
    <message>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
</context>
<context>
    <name>SyncSection</name>
    <message>
        <source>省级同步</source>
        <translation>Provincial sync</translation>
    </message>
    <message>
        <source>已保存：{0}（输入新令牌以更换）</source>
        <translation>Saved: {0} (enter a new token to replace it)</translation>
    </message>
    <message>
        <source>省级管理员发给本单位的令牌</source>
        <translation>The token the province&apos;s administrator gave this bureau</translation>
    </message>
    <message>
        <source>仅当省级服务器使用自建证书颁发机构时需要</source>
        <translation>Needed only when the provincial server uses its own certificate authority</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>不自动同步</source>
        <translation>No automatic sync</translation>
    </message>
    <message>
        <source>服务器地址：</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>单位令牌：</source>
        <translation>Bureau token:</translation>
    </message>
    <message>
        <source>CA 证书文件：</source>
        <translation>CA certificate file:</translation>
    </message>
    <message>
        <source>自动同步间隔：</source>
        <translation>Automatic sync every:</translation>
    </message>
    <message>
        <source>选择省级 CA 证书</source>
        <translation>Choose the province&apos;s CA certificate</translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>省级服务器地址必须以 https:// 开头</source>
        <translation>The provincial server address must start with https://</translation>
    </message>
</context>
<context>
    <name>WorkstationLabel</name>
    <message>
        <source>未设置</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>{0} · 发证机关：{1}</source>
        <translation>{0} · issuing authority: {1}</translation>
    </message>
    <message>
        <source>在“文件 → 设置…”中更改</source>
        <translation>Change it in File → Settings…</translation>
    </message>
</context>
</TS>
