<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CertificateCard</name>
    <message>
        <source>新版编号：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效期至：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能生成新版证书：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版已生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版未生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受阻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>特种作业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预览/打印新版证书…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成/预览新版证书…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按实际尺寸预览新版证书，生成、打印或另存为 PDF（Ctrl+Shift+P：第一本可生成的证书）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（还有 {0} 天到期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（已过期 {0} 天）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>输入姓名、拼音、身份证号、证书编号或企业名称，或直接扫描证书二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步冲突：{0} 个字段本地与省级不一致，请在“同步 → 冲突处理”中处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本地有 {0} 项修改尚未同步到省系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>个人信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书（{0} 本）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑… (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改个人信息、A 证必填项、照片和证书日期（在详情中按回车也可）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销上一次修改 (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只能撤销尚未同步到省系统的修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本地未同步修改：{0} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无未同步修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{gender} · {birth}（{age} 岁）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（同步冲突待处理）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无电话）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>☎ {unit}：{phones}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证单位咨询电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文化程度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>专业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>技术职称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未填写（A 证必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>全部发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>特种作业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书类别 / 特种作业工种（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新旧版式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>旧版</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A证待补充/受阻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看不能生成新版证书的人员（如 A 证缺少职务、技术职称）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本地未同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看本地有修改、尚未同步到省系统的人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部类别/工种</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C/C3 · 专职安全生产管理人员（综合类）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>特种作业（全部工种）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（截至 {0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进度：{0}{1} ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只列出换发进度中计入“{0}”的证书的持证人员；点击取消这一条件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsStatus</name>
    <message>
        <source>按</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按“{0}”查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有找到符合条件的人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已显示 {0} 人，向下滚动加载更多</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 {0} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索中…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <source>按匹配程度排序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复默认列</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>姓名 / 拼音首字母 / 身份证号（或后几位）/ 证书编号 / 企业名称，或扫描证书二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>搜索出错：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各证书中最早的有效期截止日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本地修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步冲突</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本地修改与省级修改冲突，待处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本地有修改尚未同步到省系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 等 {1} 本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>特种作业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成 {0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（受阻）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number}  {status}  有效期至 {until}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceView</name>
    <message>
        <source>查找(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清空搜索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法读取发证单位：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（已启用筛选条件，按“清除筛选”可查看全部）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该人员已不在本地缓存中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入姓名、拼音、身份证号、证书编号或企业名称，或直接扫描证书二维码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
