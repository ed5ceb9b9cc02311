<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CertificateCard</name>
    <message>
        <source>新版编号：</source>
        <translation>New number:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>有效期至：</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>发证单位：</source>
        <translation>Issuing unit:</translation>
    </message>
    <message>
        <source>不能生成新版证书：{0}</source>
        <translation>Cannot generate the new-format certificate: {0}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>新版已生成</source>
        <translation>New format generated</translation>
    </message>
    <message>
        <source>新版未生成</source>
        <translation>New format not generated</translation>
    </message>
    <message>
        <source>受阻</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>{0} · {1}（{2}）</source>
        <translation>{0} · {1} ({2})</translation>
    </message>
    <message>
        <source>预览/打印新版证书…</source>
        <translation>Preview/print new-format certificate…</translation>
    </message>
    <message>
        <source>生成/预览新版证书…</source>
        <translation>Generate/preview new-format certificate…</translation>
    </message>
    <message>
        <source>按实际尺寸预览新版证书，生成、打印或另存为 PDF（Ctrl+Shift+P：第一本可生成的证书）</source>
        <translation>Preview the new-format certificate at actual size; generate, print or save it as PDF (Ctrl+Shift+P: the first certificate that can be generated)</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>（还有 {0} 天到期）</source>
        <translation> (days left: {0})</translation>
    </message>
    <message>
        <source>（已过期 {0} 天）</source>
        <translation> (days since expiry: {0})</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>输入姓名、拼音、身份证号、证书编号或企业名称，或直接扫描证书二维码</source>
        <translation>Type a name, pinyin, ID number, certificate number or enterprise name, or scan a certificate&apos;s QR code</translation>
    </message>
    <message>
        <source>同步冲突：{0} 个字段本地与省级不一致，请在“同步 → 冲突处理”中处理</source>
        <translation>Sync conflict: fields that differ here and at the province: {0}. Resolve them in &quot;Sync → Conflicts&quot;</translation>
    </message>
    <message>
        <source>本地有 {0} 项修改尚未同步到省系统</source>
        <translation>Local changes not yet synced to the provincial server: {0}</translation>
    </message>
    <message>
        <source>个人信息</source>
        <translation>Personal information</translation>
    </message>
    <message>
        <source>证书（{0} 本）</source>
        <translation>Certificates ({0})</translation>
    </message>
    <message>
        <source>编辑… (Ctrl+E)</source>
        <translation>Edit… (Ctrl+E)</translation>
    </message>
    <message>
        <source>修改个人信息、A 证必填项、照片和证书日期（在详情中按回车也可）</source>
        <translation>Correct the personal information, the fields an A certificate requires, the photo and the certificate dates (or press Enter in the detail)</translation>
    </message>
    <message>
        <source>撤销上一次修改 (Ctrl+Z)</source>
        <translation>Undo the last change (Ctrl+Z)</translation>
    </message>
    <message>
        <source>只能撤销尚未同步到省系统的修改</source>
        <translation>Only changes not yet synced to the provincial server can be undone</translation>
    </message>
    <message>
        <source>本地未同步修改：{0} 项</source>
        <translation>Local changes not yet synced: {0}</translation>
    </message>
    <message>
        <source>无未同步修改</source>
        <translation>No changes waiting to sync</translation>
    </message>
    <message>
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>{gender} · {birth}（{age} 岁）</source>
        <translation>{gender} · {birth} (age {age})</translation>
    </message>
    <message>
        <source>（同步冲突待处理）</source>
        <translation> (sync conflict to resolve)</translation>
    </message>
    <message>
        <source>（无电话）</source>
        <translation>(no phone number)</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>☎ {unit}：{phones}</source>
        <translation>☎ {unit}: {phones}</translation>
    </message>
    <message>
        <source>发证单位咨询电话</source>
        <translation>The issuing units&apos; inquiry phone numbers</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>专业</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code (USCC)</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>技术职称</source>
        <translation>Technical title</translation>
    </message>
    <message>
        <source>未填写（A 证必填）</source>
        <translation>Not filled in (required for an A certificate)</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>：</source>
        <translation>:</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>全部发证单位</source>
        <translation>All issuing units</translation>
    </message>
    <message>
        <source>发证单位</source>
        <translation>Issuing unit</translation>
    </message>
    <message>
        <source>证书类别 / 特种作业工种（{0}）</source>
        <translation>Certificate category / special-operation work type ({0})</translation>
    </message>
    <message>
        <source>新旧版式</source>
        <translation>Old and new format</translation>
    </message>
    <message>
        <source>旧版</source>
        <translation>Old format</translation>
    </message>
    <message>
        <source>新版</source>
        <translation>New format</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>A 证待补充/受阻</source>
        <translation>A certificates awaiting information/blocked</translation>
    </message>
    <message>
        <source>只看不能生成新版证书的人员（如 A 证缺少职务、技术职称）</source>
        <translation>Only the persons whose new-format certificate cannot be generated (e.g. an A certificate without position or technical title)</translation>
    </message>
    <message>
        <source>本地未同步</source>
        <translation>Not yet synced</translation>
    </message>
    <message>
        <source>只看本地有修改、尚未同步到省系统的人员</source>
        <translation>Only the persons with local changes not yet synced to the provincial server</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>全部类别/工种</source>
        <translation>All categories/work types</translation>
    </message>
    <message>
        <source>C/C3 · 专职安全生产管理人员（综合类）</source>
        <translation>C/C3 · Full-time safety officer (general)</translation>
    </message>
    <message>
        <source>特种作业（全部工种）</source>
        <translation>Special operation (all work types)</translation>
    </message>
    <message>
        <source>（截至 {0}）</source>
        <translation> (as of {0})</translation>
    </message>
    <message>
        <source>进度：{0}{1} ✕</source>
        <translation>Progress: {0}{1} ✕</translation>
    </message>
    <message>
        <source>只列出换发进度中计入“{0}”的证书的持证人员；点击取消这一条件</source>
        <translation>Lists only the holders of the certificates counted as &quot;{0}&quot; in the changeover progress; click to remove this condition</translation>
    </message>
</context>
<context>
    <name>ResultsStatus</name>
    <message>
        <source>按“{0}”查找</source>
        <translation>Searched by {0}</translation>
    </message>
    <message>
        <source>没有找到符合条件的人员</source>
        <translation>No matching persons found</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>已显示 {0} 人，向下滚动加载更多</source>
        <translation>Showing {0} persons; scroll down to load more</translation>
    </message>
    <message>
        <source>共 {0} 人</source>
        <translation>Persons: {0}</translation>
    </message>
    <message>
        <source>搜索中…</source>
        <translation>Searching…</translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <source>按匹配程度排序</source>
        <translation>Sort by relevance</translation>
    </message>
    <message>
        <source>恢复默认列</source>
        <translation>Restore default columns</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>姓名 / 拼音首字母 / 身份证号（或后几位）/ 证书编号 / 企业名称，或扫描证书二维码</source>
        <translation>Name / pinyin initials / ID number (or its last digits) / certificate number / enterprise name, or scan the certificate&apos;s QR code</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>搜索出错：{0}</source>
        <translation>Search failed: {0}</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新版证书</source>
        <translation>New format</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>各证书中最早的有效期截止日</source>
        <translation>The earliest end of validity among the certificates</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>发证单位</source>
        <translation>Issuing unit</translation>
    </message>
    <message>
        <source>本地修改</source>
        <translation>Local changes</translation>
    </message>
    <message>
        <source>同步冲突</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <source>未同步</source>
        <translation>Not yet synced</translation>
    </message>
    <message>
        <source>本地修改与省级修改冲突，待处理</source>
        <translation>Local and provincial changes conflict; to resolve</translation>
    </message>
    <message>
        <source>本地有修改尚未同步到省系统</source>
        <translation>Local changes not yet synced to the provincial server</translation>
    </message>
    <message>
        <source>{0} 等 {1} 本</source>
        <translation>{0} and others ({1})</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} 类</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>已生成</source>
        <translation>Generated</translation>
    </message>
    <message>
        <source>未生成</source>
        <translation>Not generated</translation>
    </message>
    <message>
        <source>已生成 {0}/{1}</source>
        <translation>Generated {0}/{1}</translation>
    </message>
    <message>
        <source>（受阻）</source>
        <translation> (blocked)</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>{number}  {status}  有效期至 {until}</source>
        <translation>{number}  {status}  valid until {until}</translation>
    </message>
</context>
<context>
    <name>WorkspaceNames</name>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>特种作业</source>
        <translation>Special operation</translation>
    </message>
</context>
<context>
    <name>WorkspaceView</name>
    <message>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>清空搜索</source>
        <translation>Clear search</translation>
    </message>
    <message>
        <source>无法读取发证单位：{0}</source>
        <translation>Could not read the issuing units: {0}</translation>
    </message>
    <message>
        <source>（已启用筛选条件，按“清除筛选”可查看全部）</source>
        <translation>(Filters are on: &quot;Clear filters&quot; shows everything)</translation>
    </message>
    <message>
        <source>该人员已不在本地缓存中</source>
        <translation>This person is no longer in the local cache</translation>
    </message>
    <message>
        <source>输入姓名、拼音、身份证号、证书编号或企业名称，或直接扫描证书二维码</source>
        <translation>Type a name, pinyin, ID number, certificate number or enterprise name, or scan a certificate&apos;s QR code</translation>
    </message>
</context>
</TS>
