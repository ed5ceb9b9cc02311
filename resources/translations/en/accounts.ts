<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>accounts</source>
        <comment>已登录：{0}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accounts</source>
        <comment>未登录</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accounts</source>
        <comment>操作员：{0}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accounts</source>
        <comment>未设置</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账号：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至少 {0} 个字符</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次输入新密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入原密码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>启用账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;为此工作区启用账号？&lt;/b&gt;&lt;br&gt;启用后每位工作人员用自己的账号和密码登录，能做什么由角色决定（窗口、电话咨询、科室负责人、系统管理员），每一次修改和打印都记入登录的账号。&lt;br&gt;&lt;br&gt;请先创建第一个账号：{0}，由其在“文件 → 系统管理…”中为其他人分配账号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2–50 个字母、数字、汉字或 . _ -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示在修改记录和状态栏中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至少 {0} 个字符</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次输入密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂不启用：照旧以操作员姓名记录修改，下次启动时再询问。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>创建并登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂不启用账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>CertDesk 已锁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空闲 {0} 分钟，窗口已锁定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口已锁定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}&lt;br&gt;当前登录：&lt;b&gt;{1}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>解锁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>切换账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>登录 CertDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;请登录&lt;/b&gt;：此工作区已启用账号，每一次修改和打印都以登录的账号记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;演示工作区（样本数据）&lt;/b&gt;：请用下面任一演示账号登录，看看不同角色能做什么。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>演示账号（点击一行填入，双击直接登录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 可以：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>演示工作区的样本账号，每种角色一个；正式工作区由系统管理员分配账号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
