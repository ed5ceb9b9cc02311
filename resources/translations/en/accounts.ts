<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountsController</name>
    <message>
        <source>无法读取账号：{0}</source>
        <translation>Cannot read the accounts: {0}</translation>
    </message>
    <message>
        <source>已启用账号，{0} 已登录</source>
        <translation>Accounts enabled; {0} signed in</translation>
    </message>
    <message>
        <source>CertDesk · 请登录</source>
        <translation>CertDesk · Please sign in</translation>
    </message>
    <message>
        <source>已登录：{0}</source>
        <translation>Signed in: {0}</translation>
    </message>
    <message>
        <source>{0} 已注销。</source>
        <translation>{0} signed out.</translation>
    </message>
    <message>
        <source>CertDesk 已锁定</source>
        <translation>CertDesk is locked</translation>
    </message>
    <message>
        <source>{0} 已退出登录，请登录另一个账号。</source>
        <translation>{0} signed out; sign in with another account.</translation>
    </message>
    <message>
        <source>密码已修改，下次登录请使用新密码</source>
        <translation>Password changed; use the new one at your next sign-in</translation>
    </message>
    <message>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>此版本还没有系统管理窗口。</source>
        <translation>This version has no administration window yet.</translation>
    </message>
    <message>
        <source>权限不足</source>
        <translation>Not permitted</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>至少 {0} 个字符</source>
        <translation>At least {0} characters</translation>
    </message>
    <message>
        <source>账号：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>原密码：</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>再次输入新密码：</source>
        <translation>Repeat new password:</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请输入原密码</source>
        <translation>Enter the current password</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>启用账号</source>
        <translation>Enable accounts</translation>
    </message>
    <message>
        <source>&lt;b&gt;为此工作区启用账号？&lt;/b&gt;&lt;br&gt;启用后每位工作人员用自己的账号和密码登录，能做什么由角色决定（{1}），每一次修改和打印都记入登录的账号。&lt;br&gt;&lt;br&gt;请先创建第一个账号：{0}，由其在“文件 → 系统管理…”中为其他人分配账号。</source>
        <translation>&lt;b&gt;Enable accounts for this workspace?&lt;/b&gt;&lt;br&gt;Then every member of staff signs in with their own account and password, the role decides what they may do ({1}), and every correction and print is recorded under the signed-in account.&lt;br&gt;&lt;br&gt;First create the first account: {0}, who then gives the others their accounts in File → Administration….</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>2–50 个字母、数字、汉字或 . _ -</source>
        <translation>2–50 letters, digits or . _ -</translation>
    </message>
    <message>
        <source>显示在修改记录和状态栏中</source>
        <translation>Shown in the history and the status bar</translation>
    </message>
    <message>
        <source>至少 {0} 个字符</source>
        <translation>At least {0} characters</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>再次输入密码：</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <source>暂不启用：照旧以操作员姓名记录修改，下次启动时再询问。</source>
        <translation>Not now: corrections are recorded under the operator&apos;s name as before, and you are asked again at the next start.</translation>
    </message>
    <message>
        <source>创建并登录</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <source>暂不启用账号</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation>Enter the user name</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>CertDesk 已锁定</source>
        <translation>CertDesk is locked</translation>
    </message>
    <message>
        <source>空闲 {0} 分钟，窗口已锁定。</source>
        <translation>Idle for {0} minutes: the window is locked.</translation>
    </message>
    <message>
        <source>窗口已锁定。</source>
        <translation>The window is locked.</translation>
    </message>
    <message>
        <source>当前登录：</source>
        <translation>Signed in:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>切换账号</source>
        <translation>Switch account</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter the password</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>登录 CertDesk</source>
        <translation>Sign in to CertDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;请登录&lt;/b&gt;：此工作区已启用账号，每一次修改和打印都以登录的账号记录。</source>
        <translation>&lt;b&gt;Please sign in&lt;/b&gt;: this workspace has accounts; every correction and print is recorded under the account signed in.</translation>
    </message>
    <message>
        <source>&lt;b&gt;演示工作区（样本数据）&lt;/b&gt;：请用下面任一演示账号登录，看看不同角色能做什么。</source>
        <translation>&lt;b&gt;Demo workspace (sample data)&lt;/b&gt;: sign in with any of the demo accounts below to see what each role may do.</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>演示账号（点击一行填入，双击直接登录）</source>
        <translation>Demo accounts (click a row to fill in, double-click to sign in)</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} 可以：{1}</source>
        <translation>{0} may: {1}</translation>
    </message>
    <message>
        <source>演示工作区的样本账号，每种角色一个；正式工作区由系统管理员分配账号。</source>
        <translation>The demo workspace&apos;s sample accounts, one per role; in a real workspace the administrator gives out the accounts.</translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation>Enter the user name</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter the password</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>accounts</name>
    <message>
        <source>{0}（{1}，{2}）</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>已登录：{0}</source>
        <translation>Signed in: {0}</translation>
    </message>
    <message>
        <source>未登录</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>操作员：{0}</source>
        <translation>Operator: {0}</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>not set</translation>
    </message>
</context>
</TS>
