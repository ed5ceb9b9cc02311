<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BatchDialog</name>
    <message>
        <source>批量生成新版证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（本机设置的发证机关）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部类别和工种</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（含旧版 C）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>特种作业（全部工种）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每本证书一个 PDF（以新版编号命名）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合并为一个 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证机关：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别 / 工种：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输出文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输出方式：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只生成符合条件的证书；不符合条件的列入“未生成名单”（CSV，可用 Excel 打开）并写明原因。中途取消后再次点“开始”会从中断处继续。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开输出文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择输出文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择输出文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能生成（生成会记入修改记录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在准备（读取候选证书）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成：{done} / {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在取消：已生成的证书写完 PDF 后停止…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次运行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批量生成失败：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消。已完成的部分已保存；再点“继续生成”会从中断处继续。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成，用时 {0:.1f} 秒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{unit}：候选证书 {candidates} 本，符合条件 {eligible} 本。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次新生成 {generated} 本，写出 PDF {written} 个；此前已完成 {existing} 个。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合并 PDF：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;未生成 {count} 本&lt;/b&gt;，原因见名单：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有未生成的证书。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>打印机校准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;ol style=&apos;margin-left: -20px&apos;&gt;&lt;li&gt;选择打印机，点“打印校准页”。校准页按 100% 实际尺寸打印，不加任何偏移。&lt;/li&gt;&lt;li&gt;用直尺测量校准页左上方十字的中心：它应距纸张&lt;b&gt;左边 {mm} mm&lt;/b&gt;、&lt;b&gt;上边 {mm} mm&lt;/b&gt;。&lt;/li&gt;&lt;li&gt;填入实际偏差：&lt;b&gt;偏右、偏下为正&lt;/b&gt;，偏左、偏上为负（精确到 0.1 mm），点“保存”。&lt;/li&gt;&lt;li&gt;可勾选“应用已保存的偏移”再打印一次检验：十字应正好落在 {mm} mm / {mm} mm。&lt;/li&gt;&lt;/ol&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应用已保存的偏移（检验校准结果）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印校准页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印机：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前校准：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>水平偏差（偏右为正）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>垂直偏差（偏下为正）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择 PDF 文件的保存位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打印校准页…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校准页已发送到打印机。请测量十字中心到纸张左边、上边的距离，填入与 {mm} mm 的偏差。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印失败：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能保存校准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存“{printer}”的校准：以后在这台打印机上打印证书时自动补偿。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法保存校准：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificatePreview</name>
    <message>
        <source>新版证书预览 — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取证书…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示比例：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成新版证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分配新版编号、电子证照标识和二维码，并记入修改记录、等待同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印… (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版已生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版证书已生成。下图即打印内容（同一份 PDF），按实际尺寸显示。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法显示证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受阻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能生成新版证书，原因：
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补全信息后即可生成新版证书（编辑人员信息：Ctrl+E）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版未生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未生成新版证书：点“生成新版证书”分配新版编号和二维码，然后即可预览和打印。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未生成新版证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法读取证书：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>屏幕 {dpi:.0f} dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>屏幕未报告物理尺寸，按 {dpi:.0f} dpi 估算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{zoom:.0f}%（100% 时屏幕上 1 mm 即纸上 1 mm；{note}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法显示证书：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能生成新版证书（生成会记入修改记录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成新版证书…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成失败：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已另存为 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法保存 PDF：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateWindows</name>
    <message>
        <source>新版证书已生成，已记入修改记录并等待同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已打印 {0}，已记入打印记录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>未校准（偏移 0）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已校准：水平 {x:+.1f} mm，垂直 {y:+.1f} mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印新版证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书编号：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校准…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印带毫米刻度的校准页，测量并保存这台打印机的偏移</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按 100% 实际尺寸打印：不缩放、无页边距，纸张大小与证书 PDF 相同</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印机：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>份数：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校准偏移：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印记录：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重印原因：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能打印（每次打印都要记录操作员）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择 PDF 文件的保存位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首次打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已发送到“{printer}”（{kind}，{copies} 份），已记入打印记录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrinterChooser</name>
    <message>
        <source>（默认）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件（打印到文件）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统中没有安装打印机：可先打印到 PDF 文件，或在系统设置中添加打印机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印到 PDF 文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReprintPrompt</name>
    <message>
        <source>正在读取打印记录…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择重印原因…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补充说明（选“其他”时必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未打印过：本次为首次打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已打印 {count} 次（最近：{at}，{operator}，{printer}）。本次为重印，须填写原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法读取打印记录：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>验证证书二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用扫码枪扫描证书上的二维码，或粘贴二维码内容后按回车。离线验证，使用本机受信任的公钥。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扫描或粘贴二维码内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等待扫描…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在工作台中查看此证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在验证…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法验证</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
