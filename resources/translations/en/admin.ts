<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountsSection</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>新建账号…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>更改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>每个人用自己的账号登录；修改记录、同步和打印日志都记下登录的账号。停用的账号不能登录；重置密码会生成一个随机密码，请当面交给本人，本人登录后可自行修改。</source>
        <translation>Everyone signs in with their own account; the history, sync and print log record the account signed in. A disabled account cannot sign in. Resetting a password makes a random one: hand it to the person face to face; they can change it after signing in.</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>已新建账号 {0}</source>
        <translation>Account {0} created</translation>
    </message>
    <message>
        <source>已启用 {0}</source>
        <translation>{0} enabled</translation>
    </message>
    <message>
        <source>已停用 {0}</source>
        <translation>{0} disabled</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>为 {0} 生成一个新的随机密码？原密码立即失效。</source>
        <translation>Make a new random password for {0}? The old password stops working at once.</translation>
    </message>
    <message>
        <source>已重置 {0} 的密码</source>
        <translation>Password of {0} reset</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>{0} 的新密码：{1}</source>
        <translation>New password for {0}: {1}</translation>
    </message>
    <message>
        <source>请当面交给本人；此密码只显示这一次。</source>
        <translation>Hand it to the person face to face; it is shown only this once.</translation>
    </message>
    <message>
        <source>已将 {0} 的角色改为 {1}</source>
        <translation>Role of {0} changed to {1}</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>当前账号无此权限</source>
        <translation>The current account does not have this permission</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>当前账号：</source>
        <translation>Account: </translation>
    </message>
    <message>
        <source>（无角色）</source>
        <translation> (no role)</translation>
    </message>
    <message>
        <source>· 工作区：</source>
        <translation> · Workspace: </translation>
    </message>
    <message>
        <source>未登录</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>请等待当前操作完成后再关闭</source>
        <translation>Wait for the current operation to finish before closing</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation>Signing keys</translation>
    </message>
    <message>
        <source>印章与发证机关代码</source>
        <translation>Seals and authority codes</translation>
    </message>
    <message>
        <source>验证网址</source>
        <translation>Verification URL</translation>
    </message>
    <message>
        <source>打印机校准默认值</source>
        <translation>Printer calibration defaults</translation>
    </message>
    <message>
        <source>同步服务器</source>
        <translation>Sync server</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <source>备份…</source>
        <translation>Back up…</translation>
    </message>
    <message>
        <source>恢复到新文件夹…</source>
        <translation>Restore to a new folder…</translation>
    </message>
    <message>
        <source>CertDesk-备份-{0}{1}</source>
        <translation>CertDesk-backup-{0}{1}</translation>
    </message>
    <message>
        <source>备份到</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <source>CertDesk 备份 (*{0});;所有文件 (*)</source>
        <translation>CertDesk backups (*{0});;All files (*)</translation>
    </message>
    <message>
        <source>备份是本地缓存（{0}）的一致副本，备份时可以照常工作。恢复只写入一个新的空文件夹，并先做完整性检查；当前工作区不会被覆盖。签名密钥（keys 文件夹）、印章（seals 文件夹）和设置文件不在本地缓存中，请一并复制保存。</source>
        <translation>A backup is a consistent copy of the local cache ({0}); work can go on while it is made. A restore first checks the backup&apos;s integrity and writes only into a new, empty folder; the current workspace is never overwritten. The signing keys (keys folder), the seals (seals folder) and the settings files are not in the local cache: copy and keep them as well.</translation>
    </message>
    <message>
        <source>正在备份本地缓存…</source>
        <translation>Backing up the local cache…</translation>
    </message>
    <message>
        <source>已备份到 {0}（{1}）</source>
        <translation>Backed up to {0} ({1})</translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation>Backup complete</translation>
    </message>
    <message>
        <source>选择要恢复的备份</source>
        <translation>Choose the backup to restore</translation>
    </message>
    <message>
        <source>选择一个新的空文件夹</source>
        <translation>Choose a new, empty folder</translation>
    </message>
    <message>
        <source>正在检查并恢复备份…</source>
        <translation>Checking and restoring the backup…</translation>
    </message>
    <message>
        <source>备份已通过完整性检查并恢复到 {0}。可用 --data-dir &quot;{1}&quot; 打开该工作区；当前工作区未改动。</source>
        <translation>The backup passed the integrity check and was restored to {0}. Open that workspace with --data-dir &quot;{1}&quot;; the current workspace is unchanged.</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore complete</translation>
    </message>
</context>
<context>
    <name>KeysSection</name>
    <message>
        <source>密钥编号</source>
        <translation>Key ID</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>吊销时间</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>发证机关</source>
        <translation>Issuing authority</translation>
    </message>
    <message>
        <source>新建/轮换</source>
        <translation>New / rotate</translation>
    </message>
    <message>
        <source>导出公钥…</source>
        <translation>Export public key…</translation>
    </message>
    <message>
        <source>吊销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>新证书的二维码用“当前签名”的密钥签名。轮换后，旧密钥仍用于验证已打印的证书；只有确认旧密钥泄露或停用时才吊销它，吊销后用它签名的二维码验证为“未知密钥”。私钥保存在工作区的 keys 文件夹中，请随工作区一并备份。</source>
        <translation>The QR codes of new certificates are signed with the key marked &quot;Signing&quot;. After a rotation the old key still verifies the certificates already printed; revoke it only when it is known to be leaked or retired: QR codes signed with it then verify as &quot;unknown key&quot;. The private keys are kept in the workspace&apos;s keys folder: back them up with the workspace.</translation>
    </message>
    <message>
        <source>本工作区</source>
        <translation>This workspace</translation>
    </message>
    <message>
        <source>外部</source>
        <translation>External</translation>
    </message>
    <message>
        <source>已吊销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>当前签名</source>
        <translation>Signing</translation>
    </message>
    <message>
        <source>仅用于验证</source>
        <translation>Verification only</translation>
    </message>
    <message>
        <source>新建签名密钥</source>
        <translation>New signing key</translation>
    </message>
    <message>
        <source>生成新的签名密钥？此后新证书用新密钥签名；原密钥仍可验证已打印的证书。</source>
        <translation>Make a new signing key? New certificates will be signed with it; the old key still verifies the certificates already printed.</translation>
    </message>
    <message>
        <source>生成本工作区的签名密钥？</source>
        <translation>Make this workspace&apos;s signing key?</translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>新的签名密钥 {0} 已启用</source>
        <translation>New signing key {0} in use</translation>
    </message>
    <message>
        <source>导出公钥</source>
        <translation>Export public key</translation>
    </message>
    <message>
        <source>PEM 公钥 (*.pem);;原始公钥 32 字节 (*.pub)</source>
        <translation>PEM public key (*.pem);;Raw public key, 32 bytes (*.pub)</translation>
    </message>
    <message>
        <source>公钥 {0} 已导出到 {1}</source>
        <translation>Public key {0} exported to {1}</translation>
    </message>
    <message>
        <source>吊销密钥</source>
        <translation>Revoke key</translation>
    </message>
    <message>
        <source>吊销密钥 {0}？用它签名的二维码此后验证为“未知密钥”。此操作不能撤销。</source>
        <translation>Revoke key {0}? QR codes signed with it will then verify as &quot;unknown key&quot;. This cannot be undone.</translation>
    </message>
    <message>
        <source>密钥 {0} 已吊销</source>
        <translation>Key {0} revoked</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>新建账号</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>登录用的用户名，如 zhangsan</source>
        <translation>The name to sign in with, e.g. zhangsan</translation>
    </message>
    <message>
        <source>姓名，记入每一条修改记录</source>
        <translation>The person&apos;s name, recorded in every history entry</translation>
    </message>
    <message>
        <source>至少 {0} 位</source>
        <translation>At least {0} characters</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>显示名称：</source>
        <translation>Display name:</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>初始密码：</source>
        <translation>Initial password:</translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请填写用户名</source>
        <translation>Enter a user name</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>PrintersSection</name>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>水平偏移（偏右为正）</source>
        <translation>Horizontal offset (right is +)</translation>
    </message>
    <message>
        <source>垂直偏移（偏下为正）</source>
        <translation>Vertical offset (down is +)</translation>
    </message>
    <message>
        <source>打印机名称</source>
        <translation>Printer name</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>打印机：</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <source>水平偏移：</source>
        <translation>Horizontal offset:</translation>
    </message>
    <message>
        <source>垂直偏移：</source>
        <translation>Vertical offset:</translation>
    </message>
    <message>
        <source>每台打印机实测的偏差（打印校准页后量得，精确到 0.1 mm）。打印证书时按相反方向移动版面；未列出的打印机不移动，值为 0 即不校正。</source>
        <translation>Each printer&apos;s measured offset (measured on a printed calibration page, to 0.1 mm). Certificates are printed with the layout moved the opposite way; printers not listed are not moved, and 0 means no correction.</translation>
    </message>
    <message>
        <source>*（默认：未单独校准的打印机）</source>
        <translation>* (default: printers not calibrated on their own)</translation>
    </message>
    <message>
        <source>已保存 {0} 的偏移：水平 {1:+.1f} mm，垂直 {2:+.1f} mm</source>
        <translation>Offset of {0} saved: horizontal {1:+.1f} mm, vertical {2:+.1f} mm</translation>
    </message>
</context>
<context>
    <name>SealsSection</name>
    <message>
        <source>发证机关</source>
        <translation>Issuing authority</translation>
    </message>
    <message>
        <source>印章</source>
        <translation>Seal</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <source>按打印尺寸显示：直径 50 mm（以屏幕的逻辑分辨率 {0:.0f} dpi 计算）</source>
        <translation>Shown at print size: 50 mm across (at the screen&apos;s logical resolution, {0:.0f} dpi)</translation>
    </message>
    <message>
        <source>选择 PNG…</source>
        <translation>Choose PNG…</translation>
    </message>
    <message>
        <source>移除印章</source>
        <translation>Remove seal</translation>
    </message>
    <message>
        <source>18 位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <source>保存代码</source>
        <translation>Save code</translation>
    </message>
    <message>
        <source>发证机关代码：</source>
        <translation>Authority code:</translation>
    </message>
    <message>
        <source>印章须为正方形、背景透明的 PNG，圆形印章充满画面（打印直径 50 mm，约 600 × 600 像素为宜）。统一社会信用代码不印在证书上，写入电子证照标识。印章和正式代码都设置后，该机关的证书才不再是样本。</source>
        <translation>A seal must be a square PNG with a transparent background, the round seal filling the image (printed 50 mm across; about 600 × 600 pixels is right). The unified social credit code is not printed on the certificate: it goes into the e-certificate identifier. Only when both the seal and the real code are set are the authority&apos;s certificates no longer specimens.</translation>
    </message>
    <message>
        <source>文件有误</source>
        <translation>File unusable</translation>
    </message>
    <message>
        <source>已设置</source>
        <translation>Set</translation>
    </message>
    <message>
        <source>未设置（样章）</source>
        <translation>Not set (specimen)</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>（样本）</source>
        <translation> (specimen)</translation>
    </message>
    <message>
        <source>未选择发证机关</source>
        <translation>No issuing authority selected</translation>
    </message>
    <message>
        <source>印章文件有误</source>
        <translation>Seal file unusable</translation>
    </message>
    <message>
        <source>未设置印章
打印为样章</source>
        <translation>No seal set:
prints a specimen seal</translation>
    </message>
    <message>
        <source>样本代码 {0}，请填写正式代码</source>
        <translation>Specimen {0}: enter the real code</translation>
    </message>
    <message>
        <source>印章和正式代码均已设置：本机关的证书打印时不带样本标记。</source>
        <translation>Seal and real code set: this authority&apos;s certificates print without the specimen marks.</translation>
    </message>
    <message>
        <source>尚缺印章或正式代码：本机关的证书打印为样本。</source>
        <translation>Seal or real code missing: this authority&apos;s certificates print as specimens.</translation>
    </message>
    <message>
        <source>选择 {0} 的印章</source>
        <translation>Choose the seal of {0}</translation>
    </message>
    <message>
        <source>PNG 图像 (*.png);;所有文件 (*)</source>
        <translation>PNG images (*.png);;All files (*)</translation>
    </message>
    <message>
        <source>已设置 {0} 的印章（{1} × {2} 像素）</source>
        <translation>Seal of {0} set ({1} × {2} pixels)</translation>
    </message>
    <message>
        <source>移除 {0} 的印章？此后该机关的证书打印为样本。</source>
        <translation>Remove the seal of {0}? Its certificates will then print as specimens.</translation>
    </message>
    <message>
        <source>已移除 {0} 的印章</source>
        <translation>Seal of {0} removed</translation>
    </message>
    <message>
        <source>已保存 {0} 的统一社会信用代码 {1}</source>
        <translation>Unified social credit code {1} of {0} saved</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>此部分需要“{0}”权限（{1}），当前账号只能查看说明。</source>
        <translation>This section needs the permission &quot;{0}&quot; ({1}); the current account can only read the explanation.</translation>
    </message>
</context>
<context>
    <name>SyncSection</name>
    <message>
        <source>留空则保留现有令牌</source>
        <translation>Leave empty to keep the current token</translation>
    </message>
    <message>
        <source>仅当省级服务器使用自建证书颁发机构时需要</source>
        <translation>Only needed when the provincial server uses its own certificate authority</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
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
        <source>更换令牌：</source>
        <translation>New token:</translation>
    </message>
    <message>
        <source>CA 证书文件：</source>
        <translation>CA certificate file:</translation>
    </message>
    <message>
        <source>令牌由省级管理员发给本单位，保存在操作系统的密钥环中（没有密钥环时，保存在只有本机用户能读的文件中），这里只显示开头几位。</source>
        <translation>The token is issued to this bureau by the provincial administrator and kept in the operating system&apos;s keyring (without a keyring, in a file only this computer&apos;s user can read); only its first characters are shown here.</translation>
    </message>
    <message>
        <source>（尚未设置）</source>
        <translation>(not set yet)</translation>
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
        <source>同步服务器设置已保存</source>
        <translation>Sync server settings saved</translation>
    </message>
</context>
<context>
    <name>VerifySection</name>
    <message>
        <source>例如 {0}</source>
        <translation>e.g. {0}</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>验证网址：</source>
        <translation>Verification URL:</translation>
    </message>
    <message>
        <source>省厅公布的证书验证网址，必须以 https:// 开头。新生成证书的二维码内容为：此网址 + 签名令牌（手机扫码即打开该网址）。留空则二维码只含签名令牌（CERTDESK-VERIFY: 形式）。已生成的证书不受影响。</source>
        <translation>The certificate verification address published by the provincial department; it must start with https://. The QR code of a newly generated certificate holds this address followed by the signed token (scanning it with a phone opens the address). Left empty, the QR code holds only the signed token (in the CERTDESK-VERIFY: form). Certificates already generated are not affected.</translation>
    </message>
    <message>
        <source>新证书的二维码：{0}&lt;签名令牌&gt;</source>
        <translation>QR code of new certificates: {0}&lt;signed token&gt;</translation>
    </message>
    <message>
        <source>未设置：新证书的二维码只含签名令牌。</source>
        <translation>Not set: the QR code of new certificates holds only the signed token.</translation>
    </message>
    <message>
        <source>验证网址已保存</source>
        <translation>Verification URL saved</translation>
    </message>
    <message>
        <source>验证网址已清空</source>
        <translation>Verification URL cleared</translation>
    </message>
</context>
</TS>
