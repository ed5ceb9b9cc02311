<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountsSection</name>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建账号…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更改角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每个人用自己的账号登录；修改记录、同步和打印日志都记下登录的账号。停用的账号不能登录；重置密码会生成一个随机密码，请当面交给本人，本人登录后可自行修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已新建账号 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已启用 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为 {0} 生成一个新的随机密码？原密码立即失效。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已重置 {0} 的密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 的新密码：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请当面交给本人；此密码只显示这一次。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已将 {0} 的角色改为 {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <source>系统管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前账号无此权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前账号：{0}（{1}）· 工作区：{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请等待当前操作完成后再关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <source>备份…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复到新文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份是本地数据库（{0}）的一致副本，备份时可以照常工作。恢复只写入一个新的空文件夹，并先做完整性检查；当前工作区不会被覆盖。签名密钥（keys 文件夹）、印章（seals 文件夹）和设置文件不在数据库中，请一并复制保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDesk 备份 (*{0});;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在备份本地数据库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已备份到 {0}（{1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择要恢复的备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择一个新的空文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查并恢复备份…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份已通过完整性检查并恢复到 {0}。可用 --data-dir &quot;{1}&quot; 打开该工作区；当前工作区未改动。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysSection</name>
    <message>
        <source>密钥编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>吊销时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建/轮换</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出公钥…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>吊销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新证书的二维码用“当前签名”的密钥签名。轮换后，旧密钥仍用于验证已打印的证书；只有确认旧密钥泄露或停用时才吊销它，吊销后用它签名的二维码验证为“未知密钥”。私钥保存在工作区的 keys 文件夹中，请随工作区一并备份。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本工作区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>外部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已吊销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前签名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅用于验证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建签名密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成新的签名密钥？此后新证书用新密钥签名；原密钥仍可验证已打印的证书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成本工作区的签名密钥？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新的签名密钥 {0} 已启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出公钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM 公钥 (*.pem);;原始公钥 32 字节 (*.pub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公钥 {0} 已导出到 {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>吊销密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>吊销密钥 {0}？用它签名的二维码此后验证为“未知密钥”。此操作不能撤销。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密钥 {0} 已吊销</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>新建账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录用的用户名，如 zhangsan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名，记入每一条修改记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至少 {0} 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名称：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>初始密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintersSection</name>
    <message>
        <source>打印机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>水平偏移（偏右为正）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>垂直偏移（偏下为正）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印机名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印机：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>水平偏移：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>垂直偏移：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每台打印机实测的偏差（打印校准页后量得，精确到 0.1 mm）。打印证书时按相反方向移动版面；未列出的打印机不移动，值为 0 即不校正。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>*（默认：未单独校准的打印机）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存 {0} 的偏移：水平 {1:+.1f} mm，垂直 {2:+.1f} mm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SealsSection</name>
    <message>
        <source>发证机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按打印尺寸显示：直径 50 mm（以屏幕的逻辑分辨率 {0:.0f} dpi 计算）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择 PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移除印章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18 位统一社会信用代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证机关代码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印章须为正方形、背景透明的 PNG，圆形印章充满画面（打印直径 50 mm，约 600 × 600 像素为宜）。统一社会信用代码不印在证书上，写入电子证照标识。印章和正式代码都设置后，该机关的证书才不再是样本。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件有误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置（样章）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（样本）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未选择发证机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印章文件有误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置印章
打印为样章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>样本代码 {0}，请填写正式代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印章和正式代码均已设置：本机关的证书打印时不带样本标记。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚缺印章或正式代码：本机关的证书打印为样本。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择 {0} 的印章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG 图像 (*.png);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已设置 {0} 的印章（{1} × {2} 像素）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移除 {0} 的印章？此后该机关的证书打印为样本。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已移除 {0} 的印章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存 {0} 的统一社会信用代码 {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <source>此部分需要“{0}”权限（{1}），当前账号只能查看说明。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncSection</name>
    <message>
        <source>留空则保留现有令牌</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅当省级服务器使用自建证书颁发机构时需要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务器地址：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位令牌：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更换令牌：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA 证书文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>令牌由省级管理员发给本单位，保存在操作系统的密钥环中（没有密钥环时，保存在只有本机用户能读的文件中），这里只显示开头几位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（尚未设置）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择省级 CA 证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步服务器设置已保存</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifySection</name>
    <message>
        <source>例如 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证网址：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>省厅公布的证书验证网址，必须以 https:// 开头。新生成证书的二维码内容为：此网址 + 签名令牌（手机扫码即打开该网址）。留空则二维码只含签名令牌（CERTDESK-VERIFY: 形式）。已生成的证书不受影响。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新证书的二维码：{0}&lt;签名令牌&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置：新证书的二维码只含签名令牌。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证网址已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证网址已清空</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
