<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BatchDialog</name>
    <message>
        <source>批量生成新版证书</source>
        <translation>Batch generate new-format certificates</translation>
    </message>
    <message>
        <source>（本机设置的发证机关）</source>
        <translation>(this workstation&apos;s issuing authority)</translation>
    </message>
    <message>
        <source>全部类别和工种</source>
        <translation>All categories and work types</translation>
    </message>
    <message>
        <source>（含旧版 C）</source>
        <translation> (including old C)</translation>
    </message>
    <message>
        <source>特种作业（全部工种）</source>
        <translation>Special operation (all work types)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>每本证书一个 PDF（以新版编号命名）</source>
        <translation>One PDF per certificate (named by the new number)</translation>
    </message>
    <message>
        <source>合并为一个 PDF</source>
        <translation>One combined PDF</translation>
    </message>
    <message>
        <source>发证单位：</source>
        <translation>Issuing unit:</translation>
    </message>
    <message>
        <source>类别 / 工种：</source>
        <translation>Category / work type:</translation>
    </message>
    <message>
        <source>输出文件夹：</source>
        <translation>Output folder:</translation>
    </message>
    <message>
        <source>输出方式：</source>
        <translation>Output:</translation>
    </message>
    <message>
        <source>只生成符合条件的证书；不符合条件的列入“未生成名单”（CSV，可用 Excel 打开）并写明原因。中途取消后再次点“开始”会从中断处继续。</source>
        <translation>Only eligible certificates are generated; the others go into the &quot;not generated&quot; list (CSV, opens in Excel) with the reason. After a cancel, starting again resumes where it stopped.</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>尚未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>开始生成</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>取消生成</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打开输出文件夹</source>
        <translation>Open output folder</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>CertDesk 新版证书</source>
        <translation>CertDesk new-format certificates</translation>
    </message>
    <message>
        <source>选择输出文件夹</source>
        <translation>Choose the output folder</translation>
    </message>
    <message>
        <source>请选择输出文件夹</source>
        <translation>Choose an output folder</translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能生成（生成会记入修改记录）</source>
        <translation>No operator name set: cannot generate (generating is recorded in the history)</translation>
    </message>
    <message>
        <source>正在准备（读取候选证书）…</source>
        <translation>Preparing (reading the candidate certificates)…</translation>
    </message>
    <message>
        <source>正在生成：{done} / {total}</source>
        <translation>Generating: {done} / {total}</translation>
    </message>
    <message>
        <source>正在取消：已生成的证书写完 PDF 后停止…</source>
        <translation>Cancelling: stops once the certificates already generated have their PDF…</translation>
    </message>
    <message>
        <source>继续生成</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>再次运行</source>
        <translation>Run again</translation>
    </message>
    <message>
        <source>批量生成失败：{0}</source>
        <translation>Batch generation failed: {0}</translation>
    </message>
    <message>
        <source>已取消。已完成的部分已保存；再点“继续生成”会从中断处继续。</source>
        <translation>Cancelled. What was finished is saved; click &quot;Resume&quot; to continue where it stopped.</translation>
    </message>
    <message>
        <source>完成，用时 {0:.1f} 秒</source>
        <translation>Done in {0:.1f} s</translation>
    </message>
    <message>
        <source>{unit}：候选证书 {candidates} 本，符合条件 {eligible} 本。</source>
        <translation>{unit}: candidate certificates {candidates}, eligible {eligible}.</translation>
    </message>
    <message>
        <source>本次新生成 {generated} 本，写出 PDF {written} 个；此前已完成 {existing} 个。</source>
        <translation>Generated now: {generated}; PDFs written: {written}; done before: {existing}.</translation>
    </message>
    <message>
        <source>合并 PDF：{0}</source>
        <translation>Combined PDF: {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;未生成 {count} 本&lt;/b&gt;，原因见名单：{path}</source>
        <translation>&lt;b&gt;{count} not generated&lt;/b&gt;; the reasons are in the list: {path}</translation>
    </message>
    <message>
        <source>没有未生成的证书。</source>
        <translation>No certificate left ungenerated.</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>打印机校准</source>
        <translation>Printer calibration</translation>
    </message>
    <message>
        <source>CertDesk-校准页.pdf</source>
        <translation>CertDesk-calibration-page.pdf</translation>
    </message>
    <message>
        <source>&lt;ol style=&apos;margin-left: -20px&apos;&gt;&lt;li&gt;选择打印机，点“打印校准页”。校准页按 100% 实际尺寸打印，不加任何偏移。&lt;/li&gt;&lt;li&gt;用直尺测量校准页左上方十字的中心：它应距纸张&lt;b&gt;左边 {mm} mm&lt;/b&gt;、&lt;b&gt;上边 {mm} mm&lt;/b&gt;。&lt;/li&gt;&lt;li&gt;填入实际偏差：&lt;b&gt;偏右、偏下为正&lt;/b&gt;，偏左、偏上为负（精确到 0.1 mm），点“保存”。&lt;/li&gt;&lt;li&gt;可勾选“应用已保存的偏移”再打印一次检验：十字应正好落在 {mm} mm / {mm} mm。&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol style=&apos;margin-left: -20px&apos;&gt;&lt;li&gt;Choose the printer and click &quot;Print calibration page&quot;. The page prints at 100% actual size, without any offset.&lt;/li&gt;&lt;li&gt;With a ruler, measure the centre of the cross at the top left of the page: it should be &lt;b&gt;{mm} mm from the left edge&lt;/b&gt; and &lt;b&gt;{mm} mm from the top edge&lt;/b&gt; of the sheet.&lt;/li&gt;&lt;li&gt;Enter the actual deviation (&lt;b&gt;right and down are positive&lt;/b&gt;, left and up negative, to 0.1 mm) and click &quot;Save&quot;.&lt;/li&gt;&lt;li&gt;To check, tick &quot;Apply the saved offset&quot; and print again: the cross should land exactly at {mm} mm / {mm} mm.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>应用已保存的偏移（检验校准结果）</source>
        <translation>Apply the saved offset (to check the calibration)</translation>
    </message>
    <message>
        <source>打印校准页</source>
        <translation>Print calibration page</translation>
    </message>
    <message>
        <source>打印机：</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <source>当前校准：</source>
        <translation>Current calibration:</translation>
    </message>
    <message>
        <source>水平偏差（偏右为正）：</source>
        <translation>Horizontal deviation (right is positive):</translation>
    </message>
    <message>
        <source>垂直偏差（偏下为正）：</source>
        <translation>Vertical deviation (down is positive):</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>请选择 PDF 文件的保存位置</source>
        <translation>Choose where to save the PDF file</translation>
    </message>
    <message>
        <source>正在打印校准页…</source>
        <translation>Printing the calibration page…</translation>
    </message>
    <message>
        <source>校准页已发送到打印机。请测量十字中心到纸张左边、上边的距离，填入与 {mm} mm 的偏差。</source>
        <translation>The calibration page was sent to the printer. Measure the distance from the cross&apos;s centre to the left and top edges of the sheet and enter the deviation from {mm} mm.</translation>
    </message>
    <message>
        <source>打印失败：{0}</source>
        <translation>Printing failed: {0}</translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能保存校准</source>
        <translation>No operator name set: cannot save the calibration</translation>
    </message>
    <message>
        <source>已保存“{printer}”的校准：以后在这台打印机上打印证书时自动补偿。</source>
        <translation>Calibration of &quot;{printer}&quot; saved: certificates printed on this printer are corrected from now on.</translation>
    </message>
    <message>
        <source>无法保存校准：{0}</source>
        <translation>Cannot save the calibration: {0}</translation>
    </message>
</context>
<context>
    <name>CertificatePages</name>
    <message>
        <source>无法显示证书页面（PDF 无法栅格化）</source>
        <translation>Cannot show the certificate page (the PDF cannot be rasterised)</translation>
    </message>
</context>
<context>
    <name>CertificatePreview</name>
    <message>
        <source>新版证书预览 — {0}</source>
        <translation>New-format certificate preview — {0}</translation>
    </message>
    <message>
        <source>正在读取证书…</source>
        <translation>Reading the certificate…</translation>
    </message>
    <message>
        <source>显示比例：</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <source>生成新版证书</source>
        <translation>Generate new-format certificate</translation>
    </message>
    <message>
        <source>分配新版编号、电子证照标识和二维码，并记入修改记录、等待同步</source>
        <translation>Assigns the new number, the e-certificate ID and the QR code; recorded in the history and queued for sync</translation>
    </message>
    <message>
        <source>打印… (Ctrl+P)</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>新版已生成</source>
        <translation>New format generated</translation>
    </message>
    <message>
        <source>新版证书已生成。下图即打印内容（同一份 PDF），按实际尺寸显示。</source>
        <translation>The new-format certificate has been generated. Below is what prints (the same PDF), shown at actual size.</translation>
    </message>
    <message>
        <source>无法显示证书</source>
        <translation>Cannot show the certificate</translation>
    </message>
    <message>
        <source>受阻</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>不能生成新版证书，原因：
{0}</source>
        <translation>The new-format certificate cannot be generated:
{0}</translation>
    </message>
    <message>
        <source>补全信息后即可生成新版证书（编辑人员信息：Ctrl+E）</source>
        <translation>Complete the information to generate the new-format certificate (edit the person: Ctrl+E)</translation>
    </message>
    <message>
        <source>新版未生成</source>
        <translation>New format not generated</translation>
    </message>
    <message>
        <source>尚未生成新版证书：点“生成新版证书”分配新版编号和二维码，然后即可预览和打印。</source>
        <translation>No new-format certificate yet: click &quot;Generate new-format certificate&quot; to assign the new number and QR code, then preview and print it.</translation>
    </message>
    <message>
        <source>尚未生成新版证书</source>
        <translation>No new-format certificate yet</translation>
    </message>
    <message>
        <source>无法读取证书：{0}</source>
        <translation>Cannot read the certificate: {0}</translation>
    </message>
    <message>
        <source>屏幕 {dpi:.0f} dpi</source>
        <translation>screen {dpi:.0f} dpi</translation>
    </message>
    <message>
        <source>屏幕未报告物理尺寸，按 {dpi:.0f} dpi 估算</source>
        <translation>the screen reports no physical size; {dpi:.0f} dpi assumed</translation>
    </message>
    <message>
        <source>{zoom:.0f}%（100% 时屏幕上 1 mm 即纸上 1 mm；{note}）</source>
        <translation>{zoom:.0f}% (at 100% 1 mm on screen is 1 mm on paper; {note})</translation>
    </message>
    <message>
        <source>无法显示证书：{0}</source>
        <translation>Cannot show the certificate: {0}</translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能生成新版证书（生成会记入修改记录）</source>
        <translation>No operator name set: cannot generate the new-format certificate (generating is recorded in the history)</translation>
    </message>
    <message>
        <source>正在生成新版证书…</source>
        <translation>Generating the new-format certificate…</translation>
    </message>
    <message>
        <source>生成失败：{0}</source>
        <translation>Generation failed: {0}</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已另存为 {0}</source>
        <translation>Saved as {0}</translation>
    </message>
    <message>
        <source>无法保存 PDF：{0}</source>
        <translation>Cannot save the PDF: {0}</translation>
    </message>
    <message>
        <source>实际大小</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <source>适合窗口</source>
        <translation>Fit to window</translation>
    </message>
</context>
<context>
    <name>CertificateStatus</name>
    <message>
        <source>有效</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Expiring soon</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>暂扣</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>CertificateWindows</name>
    <message>
        <source>新版证书已生成，已记入修改记录并等待同步</source>
        <translation>New-format certificate generated, recorded in the history and queued for sync</translation>
    </message>
    <message>
        <source>已打印 {0}，已记入打印记录</source>
        <translation>Printed {0}; recorded in the print log</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>未校准（偏移 0）</source>
        <translation>Not calibrated (offset 0)</translation>
    </message>
    <message>
        <source>已校准：水平 {x:+.1f} mm，垂直 {y:+.1f} mm</source>
        <translation>Calibrated: horizontal {x:+.1f} mm, vertical {y:+.1f} mm</translation>
    </message>
    <message>
        <source>打印新版证书</source>
        <translation>Print new-format certificate</translation>
    </message>
    <message>
        <source>证书编号：</source>
        <translation>Certificate number:</translation>
    </message>
    <message>
        <source>校准…</source>
        <translation>Calibrate…</translation>
    </message>
    <message>
        <source>打印带毫米刻度的校准页，测量并保存这台打印机的偏移</source>
        <translation>Print a calibration page with millimetre rulers, then measure and save this printer&apos;s offset</translation>
    </message>
    <message>
        <source>按 100% 实际尺寸打印：不缩放、无页边距，纸张大小与证书 PDF 相同</source>
        <translation>Prints at 100%: no scaling, no margins, the paper size of the PDF</translation>
    </message>
    <message>
        <source>打印机：</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <source>份数：</source>
        <translation>Copies:</translation>
    </message>
    <message>
        <source>校准偏移：</source>
        <translation>Calibration offset:</translation>
    </message>
    <message>
        <source>打印记录：</source>
        <translation>Print log:</translation>
    </message>
    <message>
        <source>重印原因：</source>
        <translation>Reprint reason:</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能打印（每次打印都要记录操作员）</source>
        <translation>No operator name set: cannot print (every print records its operator)</translation>
    </message>
    <message>
        <source>请选择 PDF 文件的保存位置</source>
        <translation>Choose where to save the PDF file</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>重印</source>
        <translation>reprint</translation>
    </message>
    <message>
        <source>首次打印</source>
        <translation>first print</translation>
    </message>
    <message>
        <source>已发送到“{printer}”（{kind}，{copies} 份），已记入打印记录</source>
        <translation>Sent to &quot;{printer}&quot; ({kind}, copies: {copies}); recorded in the print log</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <source>PDF 文件</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <source>请选择 PDF 文件的保存位置</source>
        <translation>Choose where to save the PDF file</translation>
    </message>
    <message>
        <source>找不到打印机“{0}”：请检查它是否已连接并在系统中安装</source>
        <translation>Printer &quot;{0}&quot; not found: check that it is connected and installed in the system</translation>
    </message>
    <message>
        <source>打印机“{printer}”不支持 {width:.0f} × {height:.0f} mm 的纸张</source>
        <translation>Printer &quot;{printer}&quot; does not support {width:.0f} × {height:.0f} mm paper</translation>
    </message>
    <message>
        <source>PDF 中没有页面</source>
        <translation>The PDF has no pages</translation>
    </message>
    <message>
        <source>无法开始打印（{0}）：打印机不可用，或文件无法写入</source>
        <translation>Cannot start printing ({0}): the printer is unavailable or the file cannot be written</translation>
    </message>
</context>
<context>
    <name>PrinterChooser</name>
    <message>
        <source>（默认）</source>
        <translation> (default)</translation>
    </message>
    <message>
        <source>PDF 文件（打印到文件）</source>
        <translation>PDF file (print to file)</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>系统中没有安装打印机：可先打印到 PDF 文件，或在系统设置中添加打印机</source>
        <translation>No printer installed: print to a PDF file, or add a printer in the system</translation>
    </message>
    <message>
        <source>打印到 PDF 文件</source>
        <translation>Print to PDF file</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ReprintPrompt</name>
    <message>
        <source>证书污损</source>
        <translation>Certificate damaged</translation>
    </message>
    <message>
        <source>证书遗失</source>
        <translation>Certificate lost</translation>
    </message>
    <message>
        <source>打印错位或质量不合格</source>
        <translation>Misaligned or poor-quality print</translation>
    </message>
    <message>
        <source>信息更正后重新打印</source>
        <translation>Reprint after a correction</translation>
    </message>
    <message>
        <source>正在读取打印记录…</source>
        <translation>Reading the print log…</translation>
    </message>
    <message>
        <source>请选择重印原因…</source>
        <translation>Choose a reprint reason…</translation>
    </message>
    <message>
        <source>补充说明（选“其他”时必填）</source>
        <translation>Note (required for &quot;Other&quot;)</translation>
    </message>
    <message>
        <source>尚未打印过：本次为首次打印</source>
        <translation>Never printed: this is the first print</translation>
    </message>
    <message>
        <source>已打印 {count} 次（最近：{at}，{operator}，{printer}）。本次为重印，须填写原因</source>
        <translation>Already printed (times: {count}; last: {at}, {operator}, {printer}). This is a reprint: a reason is required</translation>
    </message>
    <message>
        <source>无法读取打印记录：{0}</source>
        <translation>Cannot read the print log: {0}</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>✓ 真证</source>
        <translation>✓ Genuine</translation>
    </message>
    <message>
        <source>✗ 伪造或篡改</source>
        <translation>✗ Forged or tampered</translation>
    </message>
    <message>
        <source>？ 未知密钥</source>
        <translation>? Unknown key</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>✗ 已撤销</source>
        <translation>✗ Revoked</translation>
    </message>
    <message>
        <source>不是本系统的二维码</source>
        <translation>Not a CertDesk QR code</translation>
    </message>
    <message>
        <source>✗ 网址不是本系统的验证地址</source>
        <translation>✗ Not CertDesk&apos;s verification address</translation>
    </message>
    <message>
        <source>证书编号：</source>
        <translation>Certificate number:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>身份证号：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>工种：</source>
        <translation>Work type:</translation>
    </message>
    <message>
        <source>发证机关：</source>
        <translation>Issuing authority:</translation>
    </message>
    <message>
        <source>有效期至：</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>电子证照标识：</source>
        <translation>E-certificate ID:</translation>
    </message>
    <message>
        <source>验证证书二维码</source>
        <translation>Verify a certificate QR code</translation>
    </message>
    <message>
        <source>用扫码枪扫描证书上的二维码，或粘贴二维码内容后按回车。离线验证，使用本机受信任的公钥。</source>
        <translation>Scan the QR code on the certificate with the scanner, or paste its content and press Enter. Verified offline with the public keys this workstation trusts.</translation>
    </message>
    <message>
        <source>扫描或粘贴二维码内容</source>
        <translation>Scan or paste the QR code content</translation>
    </message>
    <message>
        <source>验证</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>等待扫描…</source>
        <translation>Waiting for a scan…</translation>
    </message>
    <message>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>在工作台中查看此证书</source>
        <translation>Show this certificate in the main window</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在验证…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>无法验证</source>
        <translation>Cannot verify</translation>
    </message>
</context>
</TS>
